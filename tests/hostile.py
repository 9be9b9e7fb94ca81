"""Generate the bad-input corpus: every kind of file that must not crash or hang ``asckg ingest``.

    from hostile import make_corpus
    cases = make_corpus(Path("/tmp/hostile"), huge=False)

Nothing here is committed as data: the files are written at run time (the 200 MB text only with
``huge=True``). Each :class:`Case` names its file (relative to the corpus directory) and what
``asckg ingest`` must do with it: store it as ``letters`` letters, or report exactly one error line
naming the file and containing ``problem``. A few good staff letters are mixed in, so a test can
check that bad files never cost good ones.

The good letters are SEC staff letters (accession 0000000000-..., works of US federal employees,
public domain) from ../shared/corpus/letters, falling back to examples/letters.

The slow-for-regex texts (:func:`slow_texts`) are also used on their own, to time each grammar.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS_LETTERS = Path(os.environ.get("ASCKG_CORPUS", REPO.parent / "shared" / "corpus")) / "letters"
EXAMPLE_LETTERS = REPO / "examples" / "letters"

#: Staff letters mixed in as good input (each cites the Codification, so ``asckg cites REF --exact``
#: can check that it was stored). Also in examples/letters, so the corpus works without ../shared.
GOOD_LETTERS = (
    "1013871_0000000000-16-081594.txt",
    "11544_0000000000-17-014278.txt",
    "1513761_0000000000-18-026944.txt",
    "860731_0000000000-25-003720.txt",
)

#: Open: spaCy's Tokenizer strips one prefix or suffix character per loop and copies the rest of
#: the token each time, so a run of n "(" or "." costs O(n^2) with the affix rules of
#: asckg.nlp.pipeline.letter_tokenizer (200,000 characters of nested parentheses: 64 s).
TOKENIZER_BUG = "nlp/pipeline.py letter_tokenizer: quadratic on long runs of affix characters"

#: Open: InputError keeps the path as given, so a file name with a newline prints two lines.
NEWLINE_NAME_BUG = "core/errors.py InputError.__str__: a newline in the path splits the error line"

HUGE_BYTES = 200 * 1024 * 1024
ONE_LINE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One file of the corpus and what ingest must do with it.

    ``expect`` is "stored" (``letters`` letters come from it; ``cites`` is a reference one of them
    cites, when known) or "error" (exactly one stderr line names ``name`` and contains ``problem``).
    ``group`` says which kind of hostility it is: good, encoding, size, slow, html, pdf, edgar, fs.
    ``bug`` names a known open bug the case triggers (it is expected to pass once that is fixed).
    """

    name: str
    expect: str
    group: str
    problem: str = ""
    letters: int = 1
    cites: str | None = None
    why: str = ""
    bug: str = ""

    @property
    def letter_id(self) -> str:
        """The id ingest gives the letter of a single-letter file: the file name without extension."""
        return Path(self.name).stem


# --- slow-for-regex texts --------------------------------------------------------------------------

#: name -> (piece, repeats): texts of repeated citation fragments, each a trap for a pattern that
#: backtracks or for a reader that loops over every trigger.
SLOW_PIECES: dict[str, tuple[str, int]] = {
    "asc_prefix": ("ASC 606-10-", 100_000),
    "absurd_range": ("25-1 through 25-99999999 ", 100_000),
    "asc_absurd_range": ("ASC 606-10-25-1 through 25-99999999\n", 100_000),
    "digit_run": ("1234567890", 100_000),
    "hyphen_run": ("-", 1_000_000),
    "digits_hyphens": ("606-10-", 100_000),
    "item_clause": ("Item 1(a)", 100_000),
    "rule_word": ("Rule ", 100_000),
    "nested_parens": ("(", 100_000),
    "subparagraphs": ("(a)", 100_000),
    "asc_list": ("ASC 606-10-25-19, 25-", 100_000),
    "topic_words": ("Topic Subtopic Section paragraph ", 30_000),
    "page_lines": ("Page 2\n", 100_000),
    "form_words": ("Form 10-K/A Form ", 100_000),
    "file_numbers": ("File No. 333-", 100_000),
    "date_words": ("December 31, ", 100_000),
    "sab_topics": ("SAB Topic 1.", 100_000),
}


def slow_texts() -> dict[str, str]:
    """The slow-for-regex texts by name (a few MB in all). ``nested_parens`` closes its parentheses
    around a citation; ``subparagraphs`` follows one."""
    out: dict[str, str] = {}
    for name, (piece, n) in SLOW_PIECES.items():
        text = piece * n
        if name == "nested_parens":
            text = text + "ASC 606-10-25-19" + ")" * n
        elif name == "subparagraphs":
            text = "ASC 606-10-25-19" + text
        out[name] = text
    return out


# --- PDFs -------------------------------------------------------------------------------------------

def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(pages: list[str], password: str | None = None) -> bytes:
    """A PDF with ``pages`` as its text layer (Helvetica), optionally encrypted with ``password``."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
    resources = writer._add_object(DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}))
    for text in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = resources
        ops = ["BT", "/F1 10 Tf", "12 TL", "54 740 Td"]
        ops += [f"({_pdf_escape(line)}) Tj T*" for line in text.split("\n")]
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252", errors="replace"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password is not None:
        writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_pdf() -> bytes:
    """A one-page PDF holding only an image (a gray 8x8 bitmap drawn full page): a scan, no text."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    image = DecodedStreamObject()
    image.set_data(bytes(random.Random(1).randrange(256) for _ in range(64)))
    image.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(8), NameObject("/Height"): NumberObject(8),
        NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8),
    })
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): writer._add_object(image)})})
    contents = DecodedStreamObject()
    contents.set_data(b"q 612 0 0 792 0 0 cm /Im1 Do Q")
    page[NameObject("/Contents")] = writer._add_object(contents)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- EDGAR submissions ------------------------------------------------------------------------------

def submission(letter: str, *, header: str = "ok", closed: bool = True) -> str:
    """``letter`` as an EDGAR full submission. ``header`` breaks the SGML header: "unclosed" (no
    </SEC-HEADER>), "no_accession", "bad_accession", "bad_date", "bad_cik", "garbage" (binary-ish
    noise in place of the header lines). ``closed=False`` cuts the document off before </TEXT>."""
    accession = "0000000000-99-000001" if header != "bad_accession" else "00000-ABC"
    lines = [
        f"ACCESSION NUMBER:\t\t{accession}",
        "CONFORMED SUBMISSION TYPE:\tUPLOAD",
        "PUBLIC DOCUMENT COUNT:\t\t1",
        "FILED AS OF DATE:\t\t" + ("20161399" if header == "bad_date" else "20161003"),
        "\tCOMPANY DATA:",
        "\t\tCOMPANY CONFORMED NAME:\t\t\tHOSTILE TEST CO",
        "\t\tCENTRAL INDEX KEY:\t\t\t" + ("00013X8" if header == "bad_cik" else "0001013871"),
    ]
    if header == "no_accession":
        lines = lines[1:]
    if header == "garbage":
        lines = ["<<<:::>>>" * 50, "ACCESSION NUMBER:", ":" * 5000, "<SEC-HEADER>" * 100]
    head = "<SEC-DOCUMENT>0000000000-99-000001.txt : 20161003\n<SEC-HEADER>0000000000-99-000001.hdr.sgml\n"
    head += "\n".join(lines) + "\n"
    if header != "unclosed":
        head += "</SEC-HEADER>\n"
    doc = "<DOCUMENT>\n<TYPE>LETTER\n<SEQUENCE>1\n<FILENAME>filename1.txt\n<TEXT>\n" + letter
    if closed:
        doc += "\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    return head + doc


# --- the corpus -------------------------------------------------------------------------------------

def _good_sources() -> dict[str, Path]:
    """The good letters' files: from the shared corpus, else from examples/letters."""
    out = {}
    for name in GOOD_LETTERS:
        for base in (CORPUS_LETTERS, EXAMPLE_LETTERS):
            if (base / name).is_file():
                out[name] = base / name
                break
    if not out:
        raise FileNotFoundError(f"no good staff letters in {CORPUS_LETTERS} or {EXAMPLE_LETTERS}")
    return out


def _first_asc_ref(text: str) -> str | None:
    """A four-part Codification reference the text cites (what ``asckg cites --exact`` must find)."""
    from asckg.nlp.grammar import asc

    for m in asc.find(text):
        for ref in m.refs:
            if ref.count("-") == 3:
                return ref
    return None


def make_corpus(dest: Path, *, huge: bool, slow_chars: int = 1_000_000, known_bugs: bool = True) -> list[Case]:
    """Write the bad-input corpus into ``dest`` (created; must be empty or absent) and return its cases.

    ``huge`` adds the 200 MB text file. ``slow_chars`` sizes each slow-for-regex file (the tests
    use less than the default to keep the ingest short). ``known_bugs=False`` leaves out the cases
    whose fix is still open in a file this corpus's owner may not edit (their ``bug`` says which).
    Everything else is about 20 MB and takes under a second to write.
    """
    from asckg.nlp.readers import MAX_CHARS

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty")
    cases: list[Case] = []

    def put(name: str, data: bytes | str, case: Case) -> None:
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(case)

    # Good letters, as they are.
    sources = _good_sources()
    texts = {name: path.read_text(encoding="utf-8") for name, path in sources.items()}
    for name, path in sources.items():
        shutil.copyfile(path, dest / name)
        cases.append(Case(name, "stored", "good", cites=_first_asc_ref(texts[name]), why="real staff letter"))
    base_name, letter = next(iter(texts.items()))
    ref = _first_asc_ref(letter)
    pages = [p.strip("\n") for p in letter.split("\f") if p.strip()]

    # Encodings: readable, so stored.
    put("enc_utf16_bom.txt", letter.encode("utf-16"), Case("enc_utf16_bom.txt", "stored", "encoding", cites=ref,
        why="UTF-16 with a BOM"))
    latin = letter.replace("\u2019", "'") + "\nThe company\u2019s \u201cna\u00efve\u201d estimate \u2013 see above.\n"
    put("enc_cp1252.txt", latin.encode("cp1252", errors="replace"),
        Case("enc_cp1252.txt", "stored", "encoding", cites=ref, why="Windows-1252 curly quotes"))
    put("enc_invalid_utf8.txt", letter.encode("utf-8") + b"\n\xff\xfe\xc3\x28 \xa0\x80 broken\n",
        Case("enc_invalid_utf8.txt", "stored", "encoding", cites=ref, why="invalid UTF-8 bytes"))
    put("enc_bad_utf16.txt", b"\xff\xfe" + "ASC 606".encode("utf-16-le") + b"\x00\xd8",
        Case("enc_bad_utf16.txt", "error", "encoding", problem="invalid utf-16",
             why="a BOM, then a lone surrogate"))

    # Empty and binary.
    put("empty.txt", b"", Case("empty.txt", "error", "empty", problem="empty file"))
    put("blank.md", b" \n\t\r\n" * 100, Case("blank.md", "error", "empty", problem="empty file"))
    rng = random.Random(20240601)
    put("binary.txt", bytes(rng.randrange(256) for _ in range(200_000)),
        Case("binary.txt", "error", "binary", problem="not a text file"))
    put("binary_no_nul.txt", bytes(rng.randrange(1, 256) for _ in range(50_000)),
        Case("binary_no_nul.txt", "error", "binary", problem="not a text file"))
    put("png_named.html", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(5000)),
        Case("png_named.html", "error", "binary", problem="not a text file"))
    put("not_a.pdf", "ASC 606-10-25-19 but no PDF header\n",
        Case("not_a.pdf", "error", "pdf", problem="not a PDF"))

    # Size.
    sentence = "The staff refers to ASC 606-10-25-19 through 25-22 and Item 303 of Regulation S-K. "
    line = (sentence * (ONE_LINE_BYTES // len(sentence) + 1))[:ONE_LINE_BYTES]
    put("one_line_1mb.txt", line, Case("one_line_1mb.txt", "error", "size", problem="text too long",
        why="1 MB on a single line: over MAX_CHARS"))
    put("one_line_900k.txt", line[:900_000], Case("one_line_900k.txt", "stored", "size", cites="606-10-25-19",
        why="900 KB on a single line"))
    if huge:
        block = (letter.rstrip("\n") + "\n\f").encode("utf-8")
        with open(dest / "huge_200mb.txt", "wb") as fh:
            written = 0
            while written < HUGE_BYTES:
                fh.write(block)
                written += len(block)
        cases.append(Case("huge_200mb.txt", "error", "size", problem="file too large", why="200 MB of letters"))

    # Slow for regexes: as many whole repeats as fit in ``slow_chars`` (at most what the readers
    # take), so that the whole pipeline and the store see them; the tests time the grammars on
    # the full texts of slow_texts().
    room = min(slow_chars, MAX_CHARS)
    for name, (piece, n) in SLOW_PIECES.items():
        if name == "nested_parens":
            k = (room - 16) // 2
            text = "(" * k + "ASC 606-10-25-19" + ")" * k
            bug = ""  # was TOKENIZER_BUG, fixed: runs of 50+ affix characters are one token
        else:
            text = piece * min(n, room // len(piece))
            bug = ""
        if bug and not known_bugs:
            continue
        put(f"slow_{name}.txt", text, Case(f"slow_{name}.txt", "stored", "slow", why=f"{piece!r} repeated", bug=bug))

    # HTML.
    deep = "<html><body>" + "<div><span>" * 5000 + f"<p>Refer to ASC {ref}.</p>" + "</span></div>" * 5000
    put("html_nested.html", deep + "</body></html>", Case("html_nested.html", "stored", "html", cites=ref,
        why="10,000 nested elements"))
    unclosed = "<html><body>" + "<div>" * 10_000 + f"Never closed: see ASC {ref}."
    put("html_unclosed.htm", unclosed, Case("html_unclosed.htm", "stored", "html", cites=ref,
        why="10,000 elements never closed"))
    script = "<script>var s = 'ASC 999-99-99-99'; " + "for(;;){}" * 1000 + "</script>"
    body = "".join(f"<p>{ln.replace('&', '&amp;').replace('<', '&lt;')}</p>\n" for ln in letter.split("\n"))
    put("html_scripts.html", f"<html><head>{script}<style>p{{}}</style></head><body>{script}{body}{script}</body></html>",
        Case("html_scripts.html", "stored", "html", cites=ref, why="scripts around a real letter"))
    put("html_script_only.html", f"<html><head></head><body>{script * 3}</body></html>",
        Case("html_script_only.html", "error", "html", problem="no text in HTML"))
    put("html_as_txt.txt", "<!DOCTYPE html>\n<html><body>" + "<b>" * 20_000 + "</html>",
        Case("html_as_txt.txt", "error", "html", problem="no text in HTML", why="doctype in a .txt"))

    # PDFs.
    good_pdf = text_pdf(pages)
    put("pdf_letter.pdf", good_pdf, Case("pdf_letter.pdf", "stored", "pdf", cites=ref, why="a real letter as PDF"))
    put("pdf_truncated.pdf", good_pdf[: len(good_pdf) // 3],
        Case("pdf_truncated.pdf", "error", "pdf", problem="PDF", why="cut to a third"))
    put("pdf_header_only.pdf", b"%PDF-1.7\n", Case("pdf_header_only.pdf", "error", "pdf", problem="PDF"))
    put("pdf_encrypted.pdf", text_pdf(pages, password="secret"),
        Case("pdf_encrypted.pdf", "error", "pdf", problem="encrypted"))
    put("pdf_image_only.pdf", image_pdf(), Case("pdf_image_only.pdf", "error", "pdf", problem="no text layer"))
    many = [f"Page {i} of 5000\nSee ASC 606-10-25-{i % 99 + 1}." for i in range(1, 5001)]
    put("pdf_5000_pages.pdf", text_pdf(many), Case("pdf_5000_pages.pdf", "stored", "pdf", cites="606-10-25-7",
        why="5,000 pages"))

    # EDGAR submissions.
    put("edgar_good.txt", submission(letter), Case("edgar_good.txt", "stored", "edgar", cites=ref))
    for kind, problem in (("unclosed", "never closed"), ("no_accession", "no ACCESSION NUMBER"),
                          ("bad_accession", "malformed ACCESSION"), ("bad_date", "malformed FILED AS OF DATE"),
                          ("bad_cik", "malformed CENTRAL INDEX KEY"), ("garbage", "broken EDGAR header")):
        name = f"edgar_header_{kind}.txt"
        put(name, submission(letter, header=kind), Case(name, "error", "edgar", problem=problem))
    put("edgar_truncated.txt", submission(letter, closed=False),
        Case("edgar_truncated.txt", "error", "edgar", problem="truncated"))

    # The file system.
    (dest / "fs_loop.txt").symlink_to("fs_loop.txt")
    cases.append(Case("fs_loop.txt", "error", "fs", problem="symbolic link loop", why="a link to itself"))
    (dest / "fs_subdir").mkdir()
    (dest / "fs_subdir" / "fs_back").symlink_to("..", target_is_directory=True)
    cases.append(Case("fs_subdir/fs_back", "error", "fs", problem="symbolic link loop", why="a link to its parent"))
    (dest / "fs_deleted.txt").symlink_to("gone-before-read.txt")
    cases.append(Case("fs_deleted.txt", "error", "fs", problem="no such file",
                      why="dangling link: a file deleted during ingest"))
    os.mkfifo(dest / "fs_fifo.txt")
    cases.append(Case("fs_fifo.txt", "error", "fs", problem="not a regular file", why="a FIFO: open() blocks"))
    (dest / "fs_zero.txt").symlink_to("/dev/zero")
    cases.append(Case("fs_zero.txt", "error", "fs", problem="not a regular file", why="endless device"))
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(dest / "fs_socket.txt"))
    finally:
        sock.close()
    cases.append(Case("fs_socket.txt", "error", "fs", problem="not a regular file", why="a Unix socket"))
    (dest / "fs_dir.txt").mkdir()
    put("fs_dir.txt/inside.txt", b"", Case("fs_dir.txt/inside.txt", "error", "fs", problem="empty file",
        why="a directory named like a letter"))
    if known_bugs:
        put("fs_new\nline.txt", b"", Case("fs_new\nline.txt", "error", "fs", problem="empty file", bug="",
            why="a newline in the file name"))
    return cases


# --- the kill test: ingest stopped with SIGKILL at random points, again and again -----------------

@dataclass
class KillResult:
    """What the kill test saw: how often the store opened, how many letters were ever partial."""

    kills: int = 0
    store_opened: int = 0
    partial_letters: int = 0  # letter graphs present but not whole after a kill (must stay 0)
    triples_uninterrupted: int = 0
    triples_after_rerun: int = 0
    letters_lost: int = 0  # letters of the uninterrupted store missing after the final rerun


def _graph_sizes(store_dir: Path) -> dict[str, int]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    sizes: dict[str, int] = {}
    for quad in store:
        name = quad.graph_name
        if isinstance(name, ox.NamedNode) and "/id/letter/" in name.value:
            sizes[name.value] = sizes.get(name.value, 0) + 1
    return sizes


def _ingest(letters: Path, store: Path, *extra: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "asckg", "ingest", str(letters), "--store", str(store), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, **kw)


def kill_test(letters: Path, work: Path, *, rounds: int = 6, seed: int = 7, jobs: int = 1) -> KillResult:
    """Ingest ``letters`` uninterrupted once; then ingest them into a second store, killing the
    whole process group with SIGKILL at a random moment, ``rounds`` times, checking after each kill
    that the store opens and that every letter graph in it is whole; then let a last ingest finish
    and compare its triple count with the uninterrupted one."""
    import signal

    import pyoxigraph as ox

    rng = random.Random(seed)
    result = KillResult()
    whole = work / "uninterrupted"
    started = time.monotonic()
    _ingest(letters, whole, "--jobs", str(jobs)).wait()
    took = time.monotonic() - started  # kills land at random moments within such a run
    want = _graph_sizes(whole)
    result.triples_uninterrupted = len(ox.Store.read_only(str(whole)))
    killed = work / "killed"
    left = 1.0  # the share of the letters not yet stored: a rerun skips the stored ones
    for _ in range(rounds):
        proc = _ingest(letters, killed, "--jobs", str(jobs))
        # A moment within what this round has left to do, so that later rounds, which have less,
        # are still killed in the middle (a floor of a fifth of a run: starting up takes that).
        time.sleep(rng.uniform(0.1, 0.7) * took * max(left, 0.2))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            result.kills += 1
        proc.wait()
        try:
            sizes = _graph_sizes(killed)
        except OSError:
            continue  # the store did not open: counted by store_opened staying behind kills
        result.store_opened += 1
        result.partial_letters += sum(1 for g, n in sizes.items() if want.get(g) != n)
        left = 1 - len(set(sizes) & set(want)) / max(len(want), 1)
    _ingest(letters, killed, "--jobs", str(jobs)).wait()
    result.triples_after_rerun = len(ox.Store.read_only(str(killed)))
    result.letters_lost = len(set(want) - set(_graph_sizes(killed)))
    return result
