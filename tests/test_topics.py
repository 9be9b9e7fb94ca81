"""What each staff comment is about (TOPICS.md): the certain labels, the shipped model, its
reproducibility, extract's fields, the about edges in the graph, and `asckg topics` / `cites --about`.

Comment texts below are from SEC staff letters (public domain); each names its letter.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asckg.nlp.topics import labels, lexicon
from asckg.nlp.topics.rules import (
    FEATURES, Cite, CommentInput, Evidence, Stacker, Thresholds, decide, is_citing, model_text,
)

from conftest import DATA, REPO

EXAMPLES = REPO / "examples" / "letters"
REFERENCE = DATA / "topics" / "reduced_reference.json"


# ---------------------------------------------------------------- certain labels (pure)
@pytest.mark.parametrize("kind,ref,label", [
    ("asc", "350-20-35-30", "350"),
    ("asc", "606-10-50-5", "606"),
    ("sec_rule", "S-K 303", "S-K 303"),
    ("sec_rule", "S-K 1202", "S-K 1200"),
    ("sec_rule", "S-K 1304", "S-K 1300"),
    ("sec_rule", "S-X 11-02", "S-X Article 11"),
    ("sec_rule", "Schedule TO Item 10", "M-A 1010"),
    ("sec_rule", "Schedule 14A Item 14", None),
    ("guidance", "SAB Topic 1.B", None),
], ids=lambda v: str(v))
def test_cited_label(kind, ref, label):
    assert labels.cited_label(kind, ref) == label


@pytest.mark.parametrize("cls,date,text,label", [
    ("REVENUE", "2017-06-01", "gross versus net", "605"),
    ("REVENUE", "2017-06-01", "when you adopt ASC 606", "606"),
    ("REVENUE", "2018-03-01", "gross versus net", "606"),
    ("LEASES", "2018-12-31", "operating leases", "840"),
    ("LEASES", "2019-01-02", "operating leases", "842"),
    ("CREDIT_LOSSES", "2019-05-01", "allowance for loan losses", "310"),
    ("CREDIT_LOSSES", "2021-05-01", "allowance for credit losses", "326"),
    ("350", "2010-01-01", "goodwill", "350"),
], ids=lambda v: str(v))
def test_topic_in_force_at_the_letters_date(cls, date, text, label):
    assert labels.label_for_date(cls, date, text) == label


def test_comments_citing_follows_topics_md():
    """ASC, standards and SEC rules count as citing; C&DIs, releases and SLBs do not."""
    assert is_citing([Cite("asc", "606-10-50-12")])
    assert is_citing([Cite("guidance", "ASU 2014-09")])
    assert is_citing([Cite("sec_rule", "S-K 10")])
    assert not is_citing([Cite("guidance", "C&DI Non-GAAP 102.10", staff=True)])
    assert not is_citing([Cite("guidance", "Release 33-8350", staff=True)])
    assert not is_citing([])


def test_lexicon_reads_captions_and_text_apart():
    hints = lexicon.hints("Note 8 - Goodwill and Intangible Assets, page 70", "Please tell us about income taxes.")
    assert "lxcap350" in hints and "lxtxt740" in hints and "lxcap740" not in hints


def _named_by_every_pattern(text: str) -> frozenset[str]:
    """What :func:`lexicon.classes_named` must give: every class whose pattern matches, no prefilter."""
    low = text.lower()
    return frozenset(cls for cls, pattern, _ in lexicon._COMPILED if pattern.search(low))


def test_the_head_automaton_never_drops_a_phrase():
    """The one-pass search for the phrases' heads tries every pattern that can match: on every
    caption and comment that ships in the training data, and on texts made of heads cut and joined."""
    from asckg.nlp.topics.train import load_rows

    rows = load_rows()
    texts = [r["text"] for r in rows] + [h for r in rows for h in r["heading"]]
    assert sum(1 for t in texts if lexicon.classes_named(t)) > 500
    for text in texts:
        assert lexicon.classes_named(text) == _named_by_every_pattern(text), text[:80]


@given(st.lists(st.sampled_from(sorted({t for _, _, ts in lexicon._COMPILED for t in ts or ()}
                                      | {" ", "s", "-", "ies", "Income Tax", "\n", "S", "ment"})), max_size=12))
@settings(max_examples=300, deadline=None)
def test_the_head_automaton_agrees_on_made_up_texts(parts):
    text = "".join(parts)
    assert lexicon.classes_named(text) == _named_by_every_pattern(text)


def _comment(text, heading=(), cites=(), date="2021-01-01"):
    return CommentInput(tuple(heading), text, tuple(cites), date)


def test_decide_keeps_citations_and_thresholds_the_rest():
    stacker = Stacker((-3.0, 1.0, 0.0, 0.0, 0.0, 4.0) + (0.0,) * (len(FEATURES) - 6))
    comment = _comment("Refer to ASC 350-20-35.", cites=[Cite("asc", "350-20-35-1")])
    scores = {"350": 0.2, "740": 0.99, "280": 0.01}
    found = {a.label: a for a in decide(comment, scores, stacker, Thresholds(0.5, 0.0))}
    assert set(found) == {"350", "740"}
    assert found["350"].decided_by == "cited" and found["740"].decided_by == "model"
    assert 0.0 <= found["350"].score <= 1.0


def test_decide_names_the_topic_for_the_date():
    stacker = Stacker((-3.0, 1.0) + (0.0,) * (len(FEATURES) - 2))
    comment = _comment("Please tell us whether you are the principal.", date="2016-05-10")
    found = decide(comment, {"REVENUE": 0.999}, stacker)
    assert [(a.label, a.decided_by) for a in found] == [("605", "rule")]


def test_neighbours_are_what_the_comments_next_door_cite():
    from asckg.nlp.topics.rules import evidence, neighbours

    comments = [_comment("Refer to ASC 350-20-35.", cites=[Cite("asc", "350-20-35-1")]),
                _comment("Please also quantify the headroom."),
                _comment("See Item 303 of Regulation S-K.", cites=[Cite("sec_rule", "S-K 303")]),
                _comment("Please tell us more.")]
    near = neighbours([evidence(c) for c in comments])
    assert near == [frozenset(), frozenset({"350", "S-K 303"}), frozenset(), frozenset({"S-K 303"})]
    assert neighbours([]) == []


def test_together_is_the_share_of_one_class_s_comments_about_another():
    from asckg.nlp.topics.train import label_counts, together

    rows = [{"labels": ["S-K 10", "Regulation G"]}, {"labels": ["S-K 10"]}, {"labels": ["606", "S-K 303"]},
            {"labels": ["605"]}, {"labels": None}, {"labels": []}]
    one, pair = label_counts(rows)
    shares = together(one, pair)
    assert shares["S-K 10"] == {"Regulation G": 0.5} and shares["Regulation G"] == {"S-K 10": 1.0}
    assert shares["REVENUE"] == {"S-K 303": 0.5}  # 605 and 606 are one class, the subject
    assert "740" not in shares and set(shares) == {"S-K 10", "Regulation G", "REVENUE", "S-K 303"}
    stacker = Stacker(together=shares)
    nothing = Evidence(frozenset(), frozenset(), frozenset(), frozenset({"S-K 10"}))
    assert stacker.along(["740"], nothing) == {"Regulation G": 0.5}


def test_the_shipped_stacker_weighs_neighbours_and_pairs_as_evidence(model):
    """Trained on the hand labels, a class is likelier where the next comment cites it and where
    it usually goes with the comment's first choice."""
    from asckg.nlp.topics.rules import probabilities

    assert model.stacker.weights[FEATURES.index("neighbour")] > 0
    assert model.stacker.weights[FEATURES.index("together")] > 0
    comment = _comment("We note your presentation of adjusted EBITDA in your earnings release.")
    scores = {"S-K 10": 0.9, "Regulation G": 0.3, "740": 0.3}
    alone = probabilities(comment, scores, model.stacker)
    beside = probabilities(comment, scores, model.stacker, near=frozenset({"740"}))
    assert beside["740"] > alone["740"] and beside["Regulation G"] == alone["Regulation G"]
    assert model.stacker.along(["S-K 10"], Evidence(frozenset(), frozenset(), frozenset(), frozenset()))["Regulation G"] > 0.3


def test_held_out_figures_at_other_thresholds_relabel_the_same_probabilities():
    """The cross-validation's threshold table labels the stored held-out probabilities again: at the
    threshold used, it gives the report's own figures; lower thresholds keep more labels."""
    from asckg.nlp.topics.evaluate import Result, at_threshold, report, summary
    from asckg.nlp.topics.rules import choose

    cited = _comment("Refer to ASC 350-20-35.", cites=[Cite("asc", "350-20-35-1")])
    plain = _comment("Please expand your MD&A discussion of results.", date="2016-05-10")
    rows = []
    for gold, comment, probs in [(["350", "S-K 303"], cited, {"350": 0.1, "S-K 303": 0.45, "740": 0.05}),
                                 (["605"], plain, {"REVENUE": 0.62, "S-K 303": 0.3}),
                                 (["S-K 303"], plain, {"S-K 303": 0.38, "740": 0.2})]:
        rows.append({"letter": "x", "number": str(len(rows) + 1), "citing": bool(comment.cites),
                     "gold": gold, "input": comment, "probabilities": probs, "baseline": [],
                     "model": sorted(a.label for a in choose(comment, probs, Thresholds(0.5)))})
    result = Result(1, rows)
    assert at_threshold(result, 0.5) == summary(result)
    at_half = at_threshold(result, 0.5)["model"]["comment_topics"]
    at_035 = at_threshold(result, 0.35)["model"]["comment_topics"]
    assert (at_half["tp"], at_half["fp"], at_half["fn"]) == (2, 0, 2)  # 350 (cited) and 605 (REVENUE, 2016)
    assert (at_035["tp"], at_035["fp"], at_035["fn"]) == (4, 0, 0)
    assert at_threshold(result, 0.25)["model"]["comment_topics"]["fp"] == 1  # S-K 303 at 0.3 on the 605 comment
    assert "threshold" in report(result)


def test_model_text_carries_caption_words_citations_and_hints():
    text = model_text(_comment("Refer to Item 10(e).", heading=["Form 10-K", "Non-GAAP Measures, page 40"],
                               cites=[Cite("sec_rule", "S-K 10")]))
    assert "hwnon-gaap" in text and "citesk10" in text and "lxcapsk10" in text


# ---------------------------------------------------------------- the shipped model
@pytest.fixture(scope="module")
def model():
    from asckg.nlp.topics.model import shipped

    return shipped()


def test_shipped_model_is_small_and_says_what_it_was_trained_on(model):
    from asckg.nlp.topics.collect import DATA_FILE
    from asckg.nlp.topics.model import MODEL_DIR
    from asckg.nlp.topics.train import data_digest

    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert size < 5_000_000
    assert model.meta["data"]["sha256"] == data_digest(DATA_FILE)
    assert "REVENUE" in model.meta["classes"] and "S-K 303" in model.meta["classes"]


@pytest.mark.parametrize("heading,text,expected", [
    # NRG Energy, staff letter of 2016-05-10 (1013871_0000000000-16-075770), comment 10: no citation.
    (("Financial Statements for the Fiscal Year Ended December 31, 2015", "Note 11 - Goodwill and Other Intangibles, page 164"),
     "We note that you recorded a $1.4 billion goodwill impairment loss related to your NRG Texas reporting unit "
     "during the fourth quarter of 2015 and that step one of the goodwill impairment test was performed. Please "
     "tell us the key assumptions used in the step one test.", "350"),
    # A non-GAAP comment that cites nothing.
    (("Form 10-K for the Fiscal Year Ended December 31, 2023", "Non-GAAP Financial Measures, page 45"),
     "We note you present Adjusted EBITDA. Please tell us why the adjustment for restructuring costs is appropriate.",
     "S-K 10"),
], ids=["goodwill", "non-gaap"])
def test_model_finds_what_an_uncited_comment_is_about(model, heading, text, expected):
    [found] = model.label([CommentInput(heading, text, (), "2016-05-10")])
    assert expected in {a.label for a in found}
    assert all(0.0 <= a.score <= 1.0 for a in found)


def test_a_procedural_comment_gets_no_label(model):
    [found] = model.label([CommentInput(("General",), "Please file your response on EDGAR as correspondence.", (), "2020-01-01")])
    assert found == []


def test_retraining_reproduces_the_reference_run():
    """The training procedure, cut short (train.REDUCED), retrained from the shipped data gives the
    probabilities of the reference run shipped in tests/data/topics, to 1e-4 (labels the same).

    The full model is checked the same way by test_retraining_reproduces_the_shipped_model (slow)."""
    from asckg.nlp.topics.collect import DATA_FILE
    from asckg.nlp.topics.train import REDUCED, data_digest, load_rows, predictions, train

    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert reference["data_sha256"] == data_digest(DATA_FILE), "the shipped data changed: regenerate the reference"
    rows = load_rows()
    trained = train(rows, REDUCED)
    got = predictions(trained.nlp, trained.stacker, [r for r in rows if r["labels"] is not None])
    _close(got, reference["predictions"])


def _close(got, want):
    """Two runs of training give the same model, to what floating point allows across CPUs.

    Two retrains on one machine give identical probabilities (to the 6 places kept). On another CPU the matrix
    kernels (BLIS picks them for the processor) sum in another order, the weights differ in their
    last bits, and the calibration's bins turn a few of those into visible steps: measured on a
    second machine against the shipped model, the median difference was 1.2e-5, 125 of 20,800
    probabilities moved by more than 0.01 (at most 0.17), and one label decision of 20,800
    changed. So: the same comments and labels, a median difference under 1e-4, at most 1% of the
    probabilities off by more than 0.01, and at most 0.1% of the decisions (p >= 0.5) changed."""
    assert got.keys() == want.keys()
    diffs = sorted(abs(got[k].get(c, 0.0) - want[k].get(c, 0.0)) for k in want for c in set(want[k]) | set(got[k]))
    flips = sum((got[k].get(c, 0.0) >= 0.5) != (want[k].get(c, 0.0) >= 0.5) for k in want for c in set(want[k]) | set(got[k]))
    where = f"median {diffs[len(diffs) // 2]}, largest {diffs[-1]}, {flips} decisions of {len(diffs)} changed"
    assert diffs[len(diffs) // 2] <= 1e-4, where
    assert sum(d > 0.01 for d in diffs) <= 0.01 * len(diffs), where
    assert flips <= 0.001 * len(diffs), where


@pytest.mark.slow
def test_retraining_reproduces_the_shipped_model(tmp_path, model):
    """Training with the default config from the shipped data gives the shipped model (to 1e-4)."""
    from asckg.nlp.topics.model import TopicModel
    from asckg.nlp.topics.train import load_rows, predictions, train_and_save

    train_and_save(tmp_path / "m")
    again = TopicModel.load(tmp_path / "m")
    labelled = [r for r in load_rows() if r["labels"] is not None]
    _close(predictions(again.nlp, again.stacker, labelled), predictions(model.nlp, model.stacker, labelled))


# ---------------------------------------------------------------- extract, graph, commands
def run_asckg(*args, env=None):
    return subprocess.run([sys.executable, "-m", "asckg", *args], capture_output=True, text=True, timeout=600,
                          env=env)


def test_extract_prints_comment_topics_in_topics_md_shape():
    done = run_asckg("extract", str(EXAMPLES / "1013871_0000000000-16-081594.txt"))
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    topics = summary["comment_topics"]
    assert set(topics) == {str(n) for n in range(1, summary["comment_count"] + 1)}
    assert all(isinstance(v, list) and v == sorted(v) for v in topics.values())
    assert set(summary["comments_citing"]) <= set(topics)
    for number, assigned in summary["comment_topic_scores"].items():
        assert sorted(a["label"] for a in assigned) == topics[number]
        assert all(a["decided_by"] in ("cited", "rule", "model") for a in assigned)


def test_extract_gives_no_topics_for_a_response(corpus):
    response = corpus / "letters" / "1013871_0001104659-16-122989.txt"
    summary = json.loads(run_asckg("extract", str(response)).stdout)
    assert summary["kind"] == "response"
    assert summary["comment_topics"] is None and summary["comments_citing"] is None


@pytest.fixture(scope="module")
def topic_store(tmp_path_factory):
    """The example letters and NRG's staff letter of 2016-05-10 ingested, plus EDGAR-header facts on
    NRG and its letters (as the EDGAR fetcher writes them), to group by industry and office."""
    import pyoxigraph as ox

    from asckg.graph.store import LetterStore

    path = tmp_path_factory.mktemp("topics") / "store"
    done = run_asckg("ingest", str(EXAMPLES), str(DATA / "topics" / "1013871_0000000000-16-075770.txt"),
                     "--store", str(path))
    assert done.returncode == 0, done.stderr
    ns = "https://w3id.org/asckg/ns#"
    with LetterStore(path) as db:
        rows = db.select("PREFIX asckg: <https://w3id.org/asckg/ns#> SELECT ?l ?c WHERE { "
                         "?l a asckg:StaffLetter ; asckg:aboutCompany ?c ; asckg:letterId ?id . "
                         "FILTER(STRSTARTS(?id, '1013871_')) }")
        quads = []
        for row in rows:
            quads.append(ox.Quad(ox.NamedNode(row["c"]), ox.NamedNode(ns + "sicCode"), ox.Literal("4911"),
                                 ox.NamedNode(row["l"])))
            quads.append(ox.Quad(ox.NamedNode(row["l"]), ox.NamedNode(ns + "reviewOffice"),
                                 ox.Literal("Office of Energy & Transportation"), ox.NamedNode(row["l"])))
        db.add_quads(quads)
    return path


def test_about_edges_carry_their_provenance(topic_store):
    from asckg.graph.store import LetterStore

    query = """PREFIX asckg: <https://w3id.org/asckg/ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?comment ?node ?score ?how ?agent WHERE {
      ?comment asckg:about ?node ; asckg:topicAssignment ?a .
      ?a asckg:topic ?node ; asckg:score ?score ; asckg:decidedBy ?how ; prov:wasGeneratedBy ?act .
      ?act prov:wasAssociatedWith ?agent . ?agent a prov:SoftwareAgent }"""
    with LetterStore(topic_store, read_only=True) as db:
        rows = db.select(query)
        cites_only = db.select("PREFIX asckg: <https://w3id.org/asckg/ns#> SELECT ?c WHERE { ?c asckg:about ?n . FILTER NOT EXISTS { ?c asckg:topicAssignment ?a . ?a asckg:topic ?n } }")
    assert rows and not cites_only
    assert {r["how"] for r in rows} <= {"cited", "rule", "model"} and "model" in {r["how"] for r in rows}
    assert all(0.0 <= float(r["score"]) <= 1.0 for r in rows)
    assert all("/agent/topic-model/" in r["agent"] for r in rows)


def test_the_store_with_topics_conforms_to_the_shapes(topic_store):
    from asckg.graph.ask.validate import validate
    from asckg.graph.store import LetterStore

    with LetterStore(topic_store, read_only=True) as db:
        report = validate(db)
    assert report.conforms, report.text if hasattr(report, "text") else report


def test_cites_about_finds_comments_that_do_not_cite(topic_store):
    done = run_asckg("cites", "350", "--about", "--format", "json", "--store", str(topic_store))
    assert done.returncode == 0, done.stderr
    about = json.loads(done.stdout)
    citing = json.loads(run_asckg("cites", "350", "--format", "json", "--store", str(topic_store)).stdout)
    assert any(not row["cites"] for row in about)
    assert {r["id"] for r in about if not r["cites"]} - {r["id"] for r in citing}, "--about should reach letters cites misses"
    assert all(set(row) >= {"id", "comment", "cites", "score", "decided_by", "excerpt"} for row in about)


def test_cites_about_refuses_a_paragraph(topic_store):
    done = run_asckg("cites", "350-20-35-1", "--about", "--store", str(topic_store))
    assert done.returncode == 2 and "Topic" in done.stderr


def test_topics_by_year(topic_store):
    done = run_asckg("topics", "--by", "year", "--top", "3", "--format", "json", "--store", str(topic_store))
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    years = [r["group"] for r in rows]
    assert years == sorted(years) and "2016" in years
    for year in set(years):
        ranked = [r for r in rows if r["group"] == year]
        assert [r["rank"] for r in ranked] == list(range(1, len(ranked) + 1))
        assert [r["letters"] for r in ranked] == sorted((r["letters"] for r in ranked), reverse=True)
        assert all(0 < r["share_of_letters"] <= 1 and r["comments"] >= r["letters"] >= r["companies"] for r in ranked)
    assert any(r["change"] is not None for r in rows if r["group"] == "2017") or "2017" not in years


def test_topics_by_industry_and_office_use_edgar_header_facts(topic_store):
    # NRG's letters are of 2016: name a window that holds them (the default is the latest year, 2025)
    window = ("--since", "2016", "--until", "2016")
    industry = json.loads(run_asckg("topics", "--by", "industry", *window, "--format", "json", "--store", str(topic_store)).stdout)
    assert "Transportation, Communications and Utilities" in {r["group"] for r in industry}
    office = json.loads(run_asckg("topics", "--by", "office", *window, "--format", "json", "--store", str(topic_store)).stdout)
    assert "Office of Energy & Transportation" in {r["group"] for r in office}
    latest = json.loads(run_asckg("topics", "--by", "office", "--format", "json", "--store", str(topic_store)).stdout)
    assert latest and {(r["since"], r["until"]) for r in latest} == {("2025-01-01", "2025-12-31")}


def test_topics_since_until_and_bad_dates(topic_store):
    rows = json.loads(run_asckg("topics", "--since", "2018", "--until", "2018-12-31", "--format", "json",
                                "--store", str(topic_store)).stdout)
    assert rows and {r["group"] for r in rows} == {"2018"}
    done = run_asckg("topics", "--since", "2018-13-01", "--store", str(topic_store))
    assert done.returncode == 2


TOPIC_QUERIES = ["comments_about", "topic_assignments", "staff_letters_profile", "about_topics_by_year", "company_topics",
                 "view_company_about"]


@pytest.mark.parametrize("name", TOPIC_QUERIES)
def test_topic_queries_ask_a_question_and_parse_alone(name):
    from asckg.graph.ask import sparql
    from asckg.queries import load_spec

    spec = load_spec(name)
    assert spec.question.endswith("?"), spec.question
    sparql.check_query(spec)


def test_about_topics_by_year_as_a_canned_query(topic_store):
    done = run_asckg("query", "about_topics_by_year", "--param", "year=2016", "--format", "json",
                     "--store", str(topic_store))
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    rows = body["results"]["bindings"] if isinstance(body, dict) else body
    assert rows, "no topics for 2016"


def test_company_topics_as_a_canned_query(topic_store):
    done = run_asckg("query", "company_topics", "--param", "company=NRG", "--format", "csv", "--store", str(topic_store))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("company,name,node,code,comments,letters") and len(lines) > 3
    assert any(",350," in line for line in lines[1:])
    assert all("NRG" in line for line in lines[1:])


def test_leaving_out_classes_that_cannot_reach_the_threshold_changes_no_label():
    """``decide`` asks :func:`probabilities` only for the classes that can reach the acceptance
    threshold; its labels must be those of every class's probability, for any scores and evidence."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from asckg.nlp.topics.model import shipped
    from asckg.nlp.topics.rules import Evidence, choose, probabilities

    model = shipped()
    classes = sorted(model.meta["classes"])[:12]
    some = st.frozensets(st.sampled_from(classes), max_size=3)
    score = st.one_of(st.floats(0.0, 1.0), st.sampled_from([0.0, 1e-5, 1e-4, 0.5, 0.9999, 1.0]))

    @settings(max_examples=400, deadline=None)
    @given(st.dictionaries(st.sampled_from(classes), score, min_size=1), some, some, some,
           st.frozensets(st.sampled_from(["350", "606", "S-K 303"]), max_size=2),
           st.sampled_from([0.2, 0.35, 0.5, 0.8, model.thresholds.accept]),
           st.one_of(st.just(model.stacker.weights),  # the shipped weights, and others where the bound bites
                     st.tuples(st.floats(-4.0, 0.0), st.floats(0.2, 3.0), *[st.floats(-3.0, 3.0)] * (len(FEATURES) - 2))),
           some)
    def check(scores, caption, text, path, cited, accept, weights, near):
        cites = tuple(Cite("asc" if c[0].isdigit() else "sec_rule", c if not c[0].isdigit() else f"{c}-10-25-1")
                      for c in sorted(cited))
        comment = CommentInput(("Note 1",), "Please tell us more.", cites, "2020-01-01")
        ev = Evidence(caption, text, path, frozenset(cited))
        thresholds = Thresholds(accept=accept, veto=model.thresholds.veto)
        stacker = Stacker(weights, model.stacker.together)  # the shipped classes' shares of pairs
        whole = choose(comment, probabilities(comment, scores, stacker, ev, near=near), thresholds)
        assert decide(comment, scores, stacker, thresholds, ev, near) == whole

    check()
    # A class that is nobody's first or second choice and that the comment does not name, labelled on
    # its score alone: it must not be left out.
    stacker, comment = Stacker((-1.0, 2.0) + (0.0,) * (len(FEATURES) - 2)), CommentInput(("Note 1",), "Please tell us.", (), None)
    nothing = Evidence(frozenset(), frozenset(), frozenset(), frozenset())
    labelled = decide(comment, {"350": 0.9, "606": 0.8, "740": 0.65}, stacker, Thresholds(accept=0.5), nothing)
    assert [a.label for a in labelled] == ["350", "606", "740"]


def test_scores_are_written_as_the_store_keeps_them():
    """A score's xsd:decimal is written in the form Oxigraph stores it in, so that a letter's graph
    as built and as stored are the same quads (a score of 0.99996 was "1.0000" built, "1" stored)."""
    import pyoxigraph as ox

    from asckg.graph.model.topics import _decimal

    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    for score in (1.0, 0.99996, 0.5, 0.12, 0.1203, 0.0, 1e-9, 0.98765, -0.5, 2.0):
        built = ox.Literal(_decimal(score), datatype=decimal)
        store = ox.Store()
        store.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/score"), built, ox.NamedNode("http://x/g")))
        [quad] = list(store)
        assert quad.object == built, (score, built, quad.object)
        assert 0.0 <= float(_decimal(score)) <= 1.0 and abs(float(_decimal(score)) - min(max(score, 0.0), 1.0)) < 5e-5


#: Staff letters in the made-up store below: enough that a query which matches a letter's shared
#: nodes across every letter's graph (each graph repeats a form's notation), or checks each row
#: against every response, runs for minutes.
_MADE_UP_LETTERS = 5_000


def _letters_sharing_a_form(path, n: int) -> None:
    """``n`` staff letters, each in its own graph as ingest writes them, all reviewing a 10-K: five
    numbered comments, a company (one of 50), a staff contact's office and the form's notation,
    which every letter graph repeats; all but every tenth letter have a response replying to them."""
    import pyoxigraph as ox

    from asckg.graph.store import LetterStore

    ns, idp = "https://w3id.org/asckg/ns#", "https://w3id.org/asckg/id/"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    date = ox.NamedNode("http://purl.org/dc/terms/date")
    notation = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
    form = ox.NamedNode(idp + "form/10-K")

    def term(name: str) -> ox.NamedNode:
        return ox.NamedNode(ns + name)

    quads = []
    for i in range(n):
        letter = ox.NamedNode(f"{idp}letter/test-{i}")
        filing, role = ox.NamedNode(f"{idp}filing/test-{i}"), ox.NamedNode(f"{idp}role/test-{i}")
        triples = [(letter, rdf_type, term("StaffLetter")), (letter, term("letterId"), ox.Literal(f"test-{i}")),
                   (letter, date, ox.Literal(f"20{10 + i % 15}-03-01")),
                   (letter, term("aboutCompany"), ox.NamedNode(f"{idp}company/test-{i % 50}")),
                   (letter, term("reviews"), filing), (filing, term("formType"), form),
                   (form, notation, ox.Literal("10-K")),
                   (letter, term("hasRole"), role), (role, term("office"), ox.Literal("Office of Manufacturing"))]
        for k in range(1, 6):
            comment = ox.NamedNode(f"{idp}letter/test-{i}/comment/{k}")
            triples += [(letter, term("hasComment"), comment), (comment, term("commentNumber"), ox.Literal(k))]
        quads += [ox.Quad(s, p, o, letter) for s, p, o in triples]
        if i % 10:
            response = ox.NamedNode(f"{idp}letter/test-{i}-response")
            quads += [ox.Quad(response, rdf_type, term("Response"), response),
                      ox.Quad(response, term("repliesTo"), letter, response)]
    with LetterStore(path) as db:
        db.add_quads(quads)


def _canned_rows(path, name: str, columns: list[str], timeout: float) -> list[list]:
    """A canned query's rows (the named columns) on the store at ``path``, in a process of its own
    that must finish within ``timeout`` seconds, Python's start included."""
    script = ("import json, sys\n"
              "from asckg.graph.store import LetterStore\n"
              "from asckg.queries import load_query\n"
              "with LetterStore(sys.argv[1], read_only=True) as db:\n"
              "    rows = db.select(load_query(sys.argv[2]))\n"
              "print(json.dumps([[r[c] for c in sys.argv[3:]] for r in rows]))\n")
    done = subprocess.run([sys.executable, "-c", script, str(path), name, *columns],
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_queries_over_every_staff_letter_stay_linear(tmp_path):
    # Matched across all graphs, a form's notation (repeated in every letter's graph) multiplied the
    # letter profiles behind `asckg topics` by the number of letters naming the form: 11 s on the
    # 989-letter corpus, more than 10 minutes at 20,000 letters. Read in each letter's own graph the
    # query is linear (well under a second here). The open staff letters (no stored response
    # replies) took 32 s at 20,000 letters with FILTER NOT EXISTS, which Oxigraph evaluates once per
    # row (about 18 s here); MINUS takes 0.5 s there.
    path = tmp_path / "store"
    _letters_sharing_a_form(path, _MADE_UP_LETTERS)
    profiles = _canned_rows(path, "staff_letters_profile", ["form", "staffOffice", "company"], timeout=20)
    assert len(profiles) == _MADE_UP_LETTERS
    assert {(form, office) for form, office, _ in profiles} == {("10-K", "Office of Manufacturing")}
    assert len({company for *_, company in profiles}) == 50
    unanswered = _canned_rows(path, "unanswered_staff_letters", ["id", "comments"], timeout=8)
    assert sorted(row[0] for row in unanswered) == sorted(f"test-{i}" for i in range(0, _MADE_UP_LETTERS, 10))
    assert {row[1] for row in unanswered} == {5}
