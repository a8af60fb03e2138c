"""The program's entry point: the `cspr` command and `python -m cspr`.

Python's cycle collector is held off while the command line's modules load (click alone builds
tens of thousands of objects, and would be walked over a dozen times: 2 ms of the 45 that
`cspr --help` takes); `cspr.cli.main` sets it going again, tuned for large reports.
"""

import gc


def main() -> None:
    gc.disable()
    from cspr.cli import main as run

    run()


if __name__ == "__main__":
    main()
