"""``asckg fetch`` against a real HTTP server on 127.0.0.1 serving EDGAR's layout (tests/edgar_server.py):
what it lists and downloads, the faults it rides out, the rate it keeps, what a second run asks for."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from asckg.core.errors import FetchError
from asckg.edgar.client import Client
from asckg.edgar.fetch import FetchRequest, _settled, fetch, local_accessions
from asckg.edgar.indexes import Period

from edgar_server import EdgarServer, build_tree, example_letters, sample_letters

AGENT = "asckg tests tests@example.com"
#: The day the tests read EDGAR's indexes as of: its quarter is read from daily indexes.
TODAY = date(2026, 4, 8)
LETTERS = example_letters() + sample_letters()
BY_NAME = {x.filename: x for x in LETTERS}
NRG, BERKLEY, MONSTER, NCLH, TYLER = example_letters()


def run(server: EdgarServer, folder: Path, *, rate: float = 50, attempts: int = 3, **request):
    problems: list[FetchError] = []
    with Client(AGENT, rate=rate, attempts=attempts, backoff=0.05) as client:
        report = fetch(FetchRequest(folder, today=TODAY, **request), client, edgar_url=server.url,
                       data_url=server.url, on_problem=problems.append)
    return report, problems


@pytest.fixture
def server():
    with EdgarServer(build_tree(LETTERS, TODAY, bad_line_in=NCLH.disseminated)) as srv:
        yield srv


def test_every_letter_is_fetched_as_edgar_serves_it(server, tmp_path):
    report, problems = run(server, tmp_path)
    assert sorted(p.name for p in report.fetched) == sorted(BY_NAME)
    for path in report.fetched:
        assert path.read_bytes() == BY_NAME[path.name].body
    assert report.failed == []
    # the only index problem is the malformed row planted in one index, named with its line
    assert [str(p) for p in problems] == [p for p in map(str, report.index_problems)]
    [bad] = problems
    index = "/Archives/edgar/full-index/2018/QTR4/form.idx"  # NCLH's letter, released 2018-10-08
    line = server.tree[index].decode().splitlines().index(next(
        x for x in server.tree[index].decode().splitlines() if "A Row Cut Short" in x)) + 1
    assert bad.what == server.url + index
    assert bad.problem.startswith(f"line {line}: malformed row")
    # the 10-K in every index is passed over; gzip is asked for on every request
    assert not server.requests("/Archives/edgar/data/1234567")
    assert all(r.accept_encoding == "gzip" for r in server.log)
    assert {r.user_agent for r in server.log} == {AGENT}
    # today's quarter comes from daily indexes, earlier ones from quarterly indexes
    assert server.requests("/Archives/edgar/daily-index/2026/QTR2/form.20260408.idx")
    assert not server.requests("/Archives/edgar/full-index/2026/QTR2/")


def test_dates_filed_select_across_later_indexes(server, tmp_path):
    # NRG's letter was filed in June 2016 and released in August: the third quarter's index lists it
    report, _ = run(server, tmp_path, since=date(2016, 6, 1), until=date(2016, 6, 30))
    assert [p.name for p in report.fetched] == [NRG.filename]
    assert server.requests("/Archives/edgar/full-index/2016/QTR3/form.idx")
    assert not server.requests("/Archives/edgar/full-index/2016/QTR1/")


def test_cik_reads_the_companies_submissions(server, tmp_path):
    report, problems = run(server, tmp_path, ciks=(NRG.cik, TYLER.cik), forms=("UPLOAD",))
    assert sorted(p.name for p in report.fetched) == sorted([NRG.filename, TYLER.filename])
    assert problems == []
    assert not server.requests("/Archives/edgar/full-index")
    assert [r.path for r in server.requests("/submissions/")] == [
        f"/submissions/CIK{int(NRG.cik):010d}.json", f"/submissions/CIK{int(TYLER.cik):010d}.json"]


def test_faults_end_with_the_file_whole_or_one_line_naming_it(tmp_path):
    # a letter the index lists and the archive lacks
    missing = replace(TYLER, accession="0000000000-25-009999", filed=date(2025, 4, 8))
    server = EdgarServer(build_tree([*LETTERS, missing], TODAY))
    del server.tree[missing.path]
    server.fault(NRG.path, "429")
    server.fault(BERKLEY.path, "503")
    server.fault(MONSTER.path, "cut")
    server.fault(NCLH.path, "truncgzip")
    server.fault(TYLER.path, "503", "503", "503")  # more than the three attempts allowed
    with server:
        report, _ = run(server, tmp_path)

    for letter in (NRG, BERKLEY, MONSTER, NCLH):
        assert (tmp_path / letter.filename).read_bytes() == letter.body, letter.filename
        assert len(server.requests(letter.path)) == 2
    # the 429 said Retry-After: 1, and the retry waited that long
    first, second = (r.at for r in server.requests(NRG.path))
    assert second - first >= 1.0
    assert sorted(str(e) for e in report.failed) == sorted([
        f"{server.url}{TYLER.path}: HTTP 503 (after 3 attempts)",
        f"{server.url}{missing.path}: not found (HTTP 404)",
    ])
    assert not (tmp_path / TYLER.filename).exists() and not (tmp_path / missing.filename).exists()
    assert len(report.fetched) == len(LETTERS) - 1  # all but Tyler's
    # nothing half-written is left under a name a reader would take for a letter
    assert local_accessions(tmp_path) == {x.accession for x in LETTERS} - {TYLER.accession, missing.accession}
    assert list((tmp_path / ".asckg-fetch" / "partial").iterdir()) == []


def test_a_cut_index_is_retried(server, tmp_path):
    path = f"/Archives/edgar/full-index/{NRG.disseminated.year}/QTR3/form.idx"
    server.fault(path, "cut", "truncgzip")
    report, problems = run(server, tmp_path, since=date(2016, 6, 1), until=date(2016, 6, 30))
    assert [p.name for p in report.fetched] == [NRG.filename]
    assert not [p for p in problems if p.what.endswith(path)]  # only the row planted in 2018's index
    assert len(server.requests(path)) == 3


def test_a_second_run_asks_only_for_what_may_have_changed(server, tmp_path):
    first, _ = run(server, tmp_path, since=date(2024, 1, 1))
    assert first.fetched
    before = len(server.log)
    again, _ = run(server, tmp_path, since=date(2024, 1, 1))
    asked = [r.path for r in server.log[before:]]
    # settled quarters and days come from the saved state; read again are today's index and those of
    # the last days, which EDGAR had not published (it may publish a day's index the morning after)
    assert asked == [f"/Archives/edgar/daily-index/2026/QTR2/form.202604{d:02d}.idx" for d in (6, 7, 8)]
    assert (again.fetched, again.present) == ([], first.listed)
    # a run over a longer span reads only the periods it lacks, and fetches only the letters new to it
    before = len(server.log)
    wider, _ = run(server, tmp_path, since=date(2016, 1, 1))
    asked = [r.path for r in server.log[before:]]
    assert not any(p.startswith(("/Archives/edgar/full-index/2024/", "/Archives/edgar/full-index/2025/")) for p in asked)
    fetched_now = {p.removeprefix("/Archives/edgar/data/") for p in asked if p.startswith("/Archives/edgar/data/")}
    assert fetched_now == {f"{x.cik}/{x.accession}.txt" for x in (NRG, BERKLEY, MONSTER, NCLH)}
    assert wider.present == first.listed


@pytest.mark.parametrize("agent", [None, "", "   ", "Just A Name"])
def test_no_declared_user_agent_no_client(agent):
    with pytest.raises(FetchError) as caught:
        Client(agent)
    assert caught.value.what == "User-Agent"


@pytest.mark.parametrize("period, today, found, settled", [
    (Period(2026, 1), date(2026, 4, 1), True, False),  # the quarter's last day may not be in it yet
    (Period(2026, 1), date(2026, 4, 4), True, True),
    (Period(2026, 2, date(2026, 4, 7)), date(2026, 4, 7), True, False),  # today's grows all day
    (Period(2026, 2, date(2026, 4, 7)), date(2026, 4, 8), True, True),
    (Period(2026, 2, date(2026, 4, 7)), date(2026, 4, 8), False, False),  # not published yet
    (Period(2026, 2, date(2026, 4, 3)), date(2026, 4, 8), False, True),  # a holiday
], ids=["quarter-just-ended", "quarter-settled", "today", "yesterday", "yesterday-unpublished", "holiday"])
def test_when_an_index_is_final(period, today, found, settled):
    assert _settled(period, today, found=found) is settled


def test_one_run_at_a_time_writes_a_folder(server, tmp_path):
    from asckg.edgar.fetch import _folder_lock
    from asckg.edgar.state import FetchState

    with _folder_lock(FetchState(tmp_path)):
        with pytest.raises(FetchError, match="another asckg fetch is writing to this folder"):
            run(server, tmp_path, ciks=(NRG.cik,))
    assert server.log == []
    report, _ = run(server, tmp_path, ciks=(NRG.cik,))
    assert [p.name for p in report.fetched] == [NRG.filename]


def test_an_error_page_served_as_an_index_is_named_and_read_again_next_time(server, tmp_path):
    path = f"/Archives/edgar/full-index/{NRG.disseminated.year}/QTR3/form.idx"
    good = server.tree[path]
    server.tree[path] = b"<html><body>Request Rate Threshold Exceeded</body></html>"
    report, problems = run(server, tmp_path, since=date(2016, 6, 1), until=date(2016, 6, 30))
    assert report.fetched == []
    assert [str(p) for p in problems if path in p.what] == [
        f"{server.url}{path}: not an EDGAR index (no 'Form Type' or 'CIK|Company Name' column line)"]
    server.tree[path] = good
    report, _ = run(server, tmp_path, since=date(2016, 6, 1), until=date(2016, 6, 30))
    assert [p.name for p in report.fetched] == [NRG.filename]
