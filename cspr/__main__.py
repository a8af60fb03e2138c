"""Lets `python -m cspr` run the command line."""

from cspr.cli import main

main()
