"""When a cache may be trusted: exactly what this code wrote, for files that have settled, under
the same code, settings and bank holidays. Anything else is thrown away and worked out again."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import importlib
import json
import marshal
import os
import sys
import zlib
from pathlib import Path

import pytest

import cspr.model.deadlines
import cspr.model.review
import cspr.reports.overdue
import cspr.storage.plain_yaml
from cspr.storage import agenda_cache, facts_cache, review_cache
from cspr.storage import cache as cache_store
from cspr.storage.bank_holidays import CACHE_FILE as HOLIDAYS_FILE
from cspr.storage.bank_holidays import StoredHolidays
from cspr.storage.cache import MAGIC, KeyedCache, code_stamp, installed_stamp, is_racy
from cspr.storage.index_cache import INDEXES
from cspr.storage.workspace import Workspace as DiskWorkspace
from tests.helpers.workspace import OFFICER

AS_OF = "2026-05-01"
FINGERPRINT = ("format 1", "cspr 1.0")


# -- the cache file: trusted only when it is exactly what this code wrote ----------------------

def _saved(tmp_path: Path) -> Path:
    cache = KeyedCache.open(tmp_path / "test.cache", FINGERPRINT)
    cache.put_encoded("2026-child-a", (1, 2, 3, 4), None, b"Child A")
    cache.save()
    return cache.path


def _framed(payload: bytes) -> bytes:
    return MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload


def test_what_was_saved_is_read_back(tmp_path):
    path = _saved(tmp_path)
    assert KeyedCache.open(path, FINGERPRINT).entries == {"2026-child-a": ((1, 2, 3, 4), None, b"Child A")}
    assert KeyedCache.open(path, FINGERPRINT).lookup("2026-child-a", (1, 2, 3, 4)) == (None, b"Child A")
    assert KeyedCache.open(path, FINGERPRINT).lookup("2026-child-a", (1, 2, 3, 5)) is None
    assert KeyedCache.open(path, FINGERPRINT).lookup("2026-child-b", (1, 2, 3, 4)) is None


def _tampered(good: bytes) -> bytes:
    """A byte of the payload changed, the checksum left as it was: marshal would still load it."""
    return good.replace(b"Child A", b"Child B")


def _reframed_entries_not_a_dict(good: bytes) -> bytes:
    return _framed(marshal.dumps((FINGERPRINT, [("2026-child-a", b"Child A")])))


def _other_fingerprint(good: bytes) -> bytes:
    return _framed(marshal.dumps((("format 2", "cspr 1.0"), {"2026-child-a": ((1, 2, 3, 4), None, b"x")})))


@pytest.mark.parametrize("corrupt", [
    _tampered,
    lambda good: b"cspr-reviewz\n" + good[len(MAGIC):],  # another file's magic
    lambda good: good[: len(MAGIC) + 3],  # cut inside the checksum
    lambda good: good[:-1],  # cut short
    lambda good: _framed(b"\xff\x00 not marshal"),  # checksum right, payload not marshal data
    lambda good: _framed(marshal.dumps("just text")),  # not a (fingerprint, entries) pair
    _reframed_entries_not_a_dict,
    _other_fingerprint,
    lambda good: b"",
])
def test_a_corrupt_or_foreign_cache_is_never_trusted(tmp_path, corrupt):
    path = _saved(tmp_path)
    path.write_bytes(corrupt(path.read_bytes()))
    assert KeyedCache.open(path, FINGERPRINT).entries == {}


def test_a_cache_is_written_only_when_changed_and_enabled(tmp_path):
    path = tmp_path / "test.cache"
    KeyedCache.open(path, FINGERPRINT).save()
    assert not path.exists()  # nothing changed: nothing written
    off = KeyedCache.open(path, FINGERPRINT, enabled=False)
    off.put_encoded("2026-child-a", (1,), None, b"x")
    off.save()
    assert not path.exists() and off.entries == {}
    _saved(tmp_path)
    assert KeyedCache.open(path, FINGERPRINT, enabled=False).entries == {}  # switched off: not read


def test_a_cache_made_in_code_is_enabled_and_keeps_the_entries_given(tmp_path):
    path = tmp_path / "test.cache"
    given = {"2026-child-a": ((1, 2, 3, 4), None, b"Child A")}
    assert KeyedCache(path, dict(given)).entries == given
    cache = KeyedCache(path)
    cache.put_encoded("2026-child-a", (1, 2, 3, 4), None, b"Child A")
    cache.save()
    assert KeyedCache.open(path, ()).entries == given


def test_a_saved_cache_is_not_written_again_until_it_changes(tmp_path):
    path = _saved(tmp_path)
    written = os.stat(path)
    cache = KeyedCache.open(path, FINGERPRINT)
    cache.save()
    cache.put_encoded("2026-child-b", (5,), None, b"Child B")
    cache.save()
    again = os.stat(path)
    assert again.st_ino != written.st_ino  # written once (a new file renamed over the old) ...
    cache.save()
    assert os.stat(path).st_ino == again.st_ino  # ... and not again with nothing changed


def test_forgetting_and_pruning_are_saved(tmp_path):
    path = _saved(tmp_path)
    cache = KeyedCache.open(path, FINGERPRINT)
    cache.put_encoded("2026-child-b", (5,), b"digest", b"Child B")
    cache.forget("2026-child-a")
    cache.forget("2026-child-z")  # not there: nothing to do
    cache.save()
    assert list(KeyedCache.open(path, FINGERPRINT).entries) == ["2026-child-b"]
    cache = KeyedCache.open(path, FINGERPRINT)
    cache.prune(lambda review_id: review_id != "2026-child-b")
    cache.save()
    assert KeyedCache.open(path, FINGERPRINT).entries == {}


# -- a file changed in the last seconds ---------------------------------------------------------

def test_a_file_changed_within_the_racy_seconds_is_racy(tmp_path):
    path = tmp_path / "review.yaml"
    path.write_text("id: 2026-child-a\n")
    found = os.stat(path)
    changed = max(found.st_mtime_ns, found.st_ctime_ns)
    seconds = cache_store.RACY_SECONDS * 1_000_000_000
    assert is_racy(found, changed + seconds)
    assert not is_racy(found, changed + seconds + 1)
    # a modification time later than the inode change counts too
    later = found.st_ctime_ns + 60 * 1_000_000_000
    os.utime(path, ns=(later, later))
    found = os.stat(path)
    assert is_racy(found, later + seconds) and not is_racy(found, later + seconds + 1)


def _agendas(workspace) -> KeyedCache:
    disk = DiskWorkspace(workspace.root)
    fingerprint = (agenda_cache.FORMAT, cspr.__version__, agenda_cache.context(disk))
    return KeyedCache.open(workspace.root / ".cspr" / agenda_cache.AGENDA_FILE, fingerprint)


def test_a_review_changed_in_the_last_seconds_is_not_cached(workspace):
    review_id = workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER).stdout.strip()
    first = workspace.run("calendar", "--as-of", AS_OF).stdout  # worked out from the agendas
    assert review_id not in _agendas(workspace).entries  # just written: its stat could repeat
    # the same file, once settled (time moved on past the racy seconds), is cached
    real_time = facts_cache.time.time_ns
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(facts_cache.time, "time_ns", lambda: real_time() + 2 * cache_store.RACY_SECONDS * 10**9)
        assert workspace.run("calendar", "--as-of", AS_OF).stdout == first
    assert review_id in _agendas(workspace).entries


# -- the code, the settings and the bank holidays the values came from --------------------------

@contextlib.contextmanager
def touched(module: Path):
    """The module file as an upgrade or an edit leaves it: changed, whatever its content."""
    before = os.stat(module)
    os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
    try:
        yield
    finally:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_code_stamp_follows_every_module_of_its_packages():
    before = code_stamp("model", "storage")
    assert any(name == "deadlines.py" for _, name, _, _ in before)
    with touched(Path(cspr.model.deadlines.__file__)):
        assert code_stamp("model", "storage") != before
        assert code_stamp("storage") == code_stamp("storage")
    assert code_stamp("model", "storage") == before
    with touched(Path(cspr.storage.plain_yaml.__file__)):
        assert code_stamp("model", "storage") != before


def _lie_in_agenda_cache(workspace, review_id: str) -> None:
    """Plant a wrong agenda under the current fingerprint: what stale values would look like."""
    cache = _agendas(workspace)
    value = agenda_cache.decode(cache.entries[review_id][2])
    cache.entries[review_id] = (cache.entries[review_id][0], None,
                                agenda_cache.encode(value._replace(child="Someone Else")))
    cache.changed = True
    cache.save()


def _children(workspace) -> set[str]:
    """The children of the agendas read through the agenda cache."""
    disk = DiskWorkspace(workspace.root)
    found, _ = agenda_cache.load_agendas(disk, disk.review_folders(), dt.date.fromisoformat(AS_OF), skip_missing=True)
    return {agenda.child for agenda in found}


def _overdue_index(workspace) -> KeyedCache:
    return facts_cache.open_cache(DiskWorkspace(workspace.root), INDEXES)


def _lie_in_overdue_index(workspace, review_id: str) -> None:
    cache = _overdue_index(workspace)
    review, _child, *rest = cache.entries[review_id][2]
    cache.entries[review_id] = (cache.entries[review_id][0], None, (review, "Someone Else", *rest))
    cache.changed = True
    cache.save()


def _reported(workspace) -> set[str]:
    """The children the overdue report shows: it reads the reviews' indexes."""
    return {item["child"] for item in workspace.json("overdue", "--as-of", AS_OF)["items"]}


@pytest.fixture
def settled(monkeypatch):
    """Every file counts as settled, so it is cached at once."""
    monkeypatch.setattr(cache_store, "RACY_SECONDS", -10**9)


@pytest.mark.parametrize("module", [cspr.model.deadlines.__file__, cspr.storage.plain_yaml.__file__],
                         ids=["deadline code", "reading code"])
def test_a_change_to_the_deadline_or_reading_code_throws_the_agenda_cache_away(workspace, settled, module):
    review_id = workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER).stdout.strip()
    _children(workspace)  # the agendas cached
    _lie_in_agenda_cache(workspace, review_id)
    assert _children(workspace) == {"Someone Else"}  # the same code trusts its cache
    with touched(Path(module)):
        assert _children(workspace) == {"Child A"}


@pytest.mark.parametrize("module", [cspr.reports.overdue.__file__, cspr.model.deadlines.__file__,
                                    cspr.storage.plain_yaml.__file__],
                         ids=["report code", "deadline code", "reading code"])
def test_a_change_to_the_report_deadline_or_reading_code_throws_the_overdue_index_away(workspace, settled, module):
    review_id = workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER).stdout.strip()
    workspace.json("overdue", "--as-of", AS_OF)
    _lie_in_overdue_index(workspace, review_id)
    assert _reported(workspace) == {"Someone Else"}  # the same code trusts its index
    with touched(Path(module)):
        assert _reported(workspace) == {"Child A"}


def test_a_change_to_the_review_file_is_seen_through_the_overdue_index(workspace, settled):
    review_id = workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER).stdout.strip()
    workspace.json("overdue", "--as-of", AS_OF)
    _lie_in_overdue_index(workspace, review_id)
    workspace.run("set", review_id, "pseudonym", "Child B", "--by", OFFICER)
    assert _reported(workspace) == {"Child B"}


@pytest.mark.parametrize("module", [cspr.storage.plain_yaml.__file__, cspr.model.review.__file__],
                         ids=["reading code", "review model"])
def test_a_change_to_the_reading_or_model_code_throws_the_review_cache_away(workspace, settled, module):
    review_id = workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER).stdout.strip()
    workspace.run("new", "Child B", "--aware", "2026-04-02", "--by", OFFICER)  # one alone is read directly
    workspace.run("list", "--all", "--format", "json")
    path = workspace.root / ".cspr" / review_cache.CACHE_FILE
    cache = review_cache.ReviewCache.open(path.parent)
    review = review_cache.decode(cache.entries[review_id][2])
    cache.put(review_id, cache.entries[review_id][0], None, dataclasses.replace(review, child="Someone Else"))
    cache.save()

    def listed() -> list[str]:
        # without agendas or indexes to go by, the list works them out from the reviews, read
        # through the review cache
        (workspace.root / ".cspr" / agenda_cache.AGENDA_FILE).unlink(missing_ok=True)
        (workspace.root / ".cspr" / INDEXES.file).unlink(missing_ok=True)
        return [r["child"] for r in workspace.json("list", "--all")]

    assert listed() == ["Someone Else", "Child B"]
    with touched(Path(module)):
        assert listed() == ["Child A", "Child B"]


@pytest.fixture
def installed_holidays(tmp_path, monkeypatch):
    """A copy of the `holidays` package found first on the path: rewriting it is an upgrade."""
    importlib.import_module("holidays")  # the real one stays the one imported
    site = tmp_path / "site"
    (site / "holidays").mkdir(parents=True)
    module = site / "holidays" / "__init__.py"
    module.write_text("# holidays 0.60\n")
    monkeypatch.syspath_prepend(str(site))
    assert installed_stamp("holidays").startswith(str(module))
    return module


def _upgrade(module: Path) -> None:
    module.write_text("# holidays 0.61: a newly announced bank holiday\n")


def test_an_upgrade_of_holidays_throws_the_agenda_cache_away(workspace, settled, installed_holidays):
    review_id = workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER).stdout.strip()
    _children(workspace)  # the agendas cached
    _lie_in_agenda_cache(workspace, review_id)
    assert _children(workspace) == {"Someone Else"}
    _upgrade(installed_holidays)
    assert _children(workspace) == {"Child A"}


def test_an_upgrade_of_holidays_throws_the_overdue_index_away(workspace, settled, installed_holidays):
    review_id = workspace.run("new", "Child A", "--aware", "2026-04-01", "--by", OFFICER).stdout.strip()
    workspace.json("overdue", "--as-of", AS_OF)
    _lie_in_overdue_index(workspace, review_id)
    assert _reported(workspace) == {"Someone Else"}
    _upgrade(installed_holidays)
    assert _reported(workspace) == {"Child A"}


def test_an_upgrade_of_holidays_throws_the_stored_bank_holidays_away(tmp_path, installed_holidays):
    stored = StoredHolidays("england", tmp_path)
    assert dt.date(2026, 4, 6) in stored([2026])  # Easter Monday
    path = tmp_path / HOLIDAYS_FILE
    # a stored day the real calendar does not have: trusted while the package is unchanged
    path.write_text(path.read_text().replace('"2026-04-06"', '"2026-04-07"'))
    assert dt.date(2026, 4, 7) in StoredHolidays("england", tmp_path)([2026])
    _upgrade(installed_holidays)
    days = StoredHolidays("england", tmp_path)([2026])
    assert dt.date(2026, 4, 7) not in days and dt.date(2026, 4, 6) in days


@pytest.mark.parametrize("garbage", ["", "not json", '{"format": 1}', '{"format": 1, "holidays": "x"}', "[]",
                                     '{"format": 1, "holidays": STAMP, "regions": {"england": 5}}',
                                     '{"format": 1, "holidays": STAMP, "regions": {"england": {"2026": 5}}}'])
def test_a_corrupt_bank_holiday_store_is_rebuilt(tmp_path, installed_holidays, garbage):
    (tmp_path / HOLIDAYS_FILE).write_text(garbage.replace("STAMP", json.dumps(installed_stamp("holidays"))))
    assert dt.date(2026, 4, 6) in StoredHolidays("england", tmp_path)([2026])


def test_the_stored_bank_holidays_are_the_same_file_whatever_the_order_asked(tmp_path, installed_holidays):
    for first, then in [("england", "scotland"), ("scotland", "england")]:
        (tmp_path / first).mkdir()
        StoredHolidays(first, tmp_path / first)([2026])
        StoredHolidays(then, tmp_path / first)([2026])
    assert (tmp_path / "england" / HOLIDAYS_FILE).read_bytes() == (tmp_path / "scotland" / HOLIDAYS_FILE).read_bytes()


def test_a_corrupt_day_in_the_bank_holiday_store_throws_it_away(tmp_path, installed_holidays):
    StoredHolidays("england", tmp_path)([2026])
    path = tmp_path / HOLIDAYS_FILE
    path.write_text(path.read_text().replace('"2026-04-06"', '"2026-04-31"'))
    assert dt.date(2026, 4, 6) in StoredHolidays("england", tmp_path)([2026])


def test_the_stored_bank_holidays_are_the_packages_by_region_and_year(tmp_path, installed_holidays):
    from cspr.storage.bank_holidays import FORMAT, bank_holidays

    assert StoredHolidays("england", tmp_path)([2025, 2026]) == bank_holidays("england", [2025, 2026])
    assert StoredHolidays("scotland", tmp_path)([2026]) == bank_holidays("scotland", [2026])
    stored = json.loads((tmp_path / HOLIDAYS_FILE).read_text())
    assert stored == {"format": FORMAT, "holidays": installed_stamp("holidays"), "regions": {
        "england": {str(year): [day.isoformat() for day in bank_holidays("england", [year])] for year in (2025, 2026)},
        "scotland": {"2026": [day.isoformat() for day in bank_holidays("scotland", [2026])]}}}
    # a year already stored is not asked of the package again: a day planted in it is given back
    path = tmp_path / HOLIDAYS_FILE
    path.write_text(path.read_text().replace('"2025-12-25"', '"2025-12-24"'))
    assert dt.date(2025, 12, 24) in StoredHolidays("england", tmp_path)([2025, 2027])
    assert "2027" in json.loads(path.read_text())["regions"]["england"]


def test_a_store_of_another_format_is_rebuilt(tmp_path, installed_holidays):
    from cspr.storage.bank_holidays import FORMAT

    StoredHolidays("england", tmp_path)([2026])
    path = tmp_path / HOLIDAYS_FILE
    stored = json.loads(path.read_text().replace('"2026-04-06"', '"2026-04-07"'))
    path.write_text(json.dumps({**stored, "format": FORMAT + 1}))
    assert dt.date(2026, 4, 7) not in StoredHolidays("england", tmp_path)([2026])


def test_without_a_way_to_tell_the_package_changed_nothing_is_stored_or_trusted(tmp_path, monkeypatch):
    import sys

    StoredHolidays("england", tmp_path)([2026])
    path = tmp_path / HOLIDAYS_FILE
    stored = json.loads(path.read_text().replace('"2026-04-06"', '"2026-04-07"'))
    path.write_text(json.dumps({**stored, "holidays": None}))
    monkeypatch.setattr(sys, "path", [str(tmp_path / "nothing installed")])  # `holidays` stays imported
    days = StoredHolidays("england", tmp_path)([2026])
    assert dt.date(2026, 4, 6) in days and dt.date(2026, 4, 7) not in days
    path.unlink()
    StoredHolidays("england", tmp_path)([2026])
    assert not path.exists()


def test_an_installed_module_is_stamped_by_its_file_size_and_time_without_importing_it(tmp_path, monkeypatch):
    package = tmp_path / "site" / "calendars"
    (package / "england").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    module = package / "england" / "__init__.py"
    module.write_text("# bank holidays\n")
    (package / "wales.py").write_text("# more bank holidays\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    found = os.stat(module)
    assert installed_stamp("calendars.england") == f"{module}:{found.st_size}:{found.st_mtime_ns}"
    wales = package / "wales.py"
    assert installed_stamp("calendars.wales") == f"{wales}:{wales.stat().st_size}:{wales.stat().st_mtime_ns}"
    assert installed_stamp("calendars.scotland") is None
    assert installed_stamp("no_such_calendars.england") is None
    (tmp_path / "site" / "folders").mkdir()  # a namespace package: no file to stamp
    assert installed_stamp("folders") is None
    assert "calendars" not in sys.modules


def test_paths_the_whole_cache_depends_on_are_keyed_by_their_stat(tmp_path):
    path = tmp_path / "process.yaml"
    path.write_text("stages: []\n")
    found = os.stat(path)
    assert cache_store.path_key(path) == (str(path), found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
    assert cache_store.path_key(tmp_path / "missing.yaml") is None


def test_a_cached_review_is_still_there_only_under_a_usable_id(tmp_path):
    (tmp_path / "2026-child-a").mkdir()
    (tmp_path / "2026-child-a" / "review.yaml").write_text("id: 2026-child-a\n")
    (tmp_path / "a..b").mkdir()
    (tmp_path / "a..b" / "review.yaml").write_text("id: a..b\n")
    (tmp_path / "2026-child-b").mkdir()  # its file gone
    assert [cache_store.review_exists(str(tmp_path), name) for name in ("2026-child-a", "a..b", "2026-child-b",
                                                                        "../2026-child-a")] == [True, False, False, False]


@pytest.mark.parametrize("enabled_before", [True, False])
def test_building_reviews_pauses_the_cycle_collector_and_puts_it_back(enabled_before):
    import gc

    was = gc.isenabled()
    try:
        (gc.enable if enabled_before else gc.disable)()
        gc.unfreeze()
        with cache_store.paused_cycle_collection():
            assert not gc.isenabled()
            built = [[n] for n in range(100)]
        assert gc.isenabled() is enabled_before
        assert gc.get_freeze_count() >= len(built)  # what was built is out of the collector's sight
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()
