"""Property-based robustness: generated documents of every shape never break a build.

Documents mix the lexicon's own names, trigger words, figures, hostile Unicode
(bidi marks, zero-width joiners, combining marks, astral characters, line and
paragraph separators), markup and Turtle/SPARQL syntax, in text, Markdown and
HTML files. For each one the build either succeeds or refuses the file with an
InputError, and a graph that is written:

- round-trips through rdflib and pyoxigraph to the same graph,
- holds no blank node,
- cites evidence whose offsets slice their document's text,
- conforms to ontology/shapes.ttl (checked on fewer examples: pySHACL is slow).

Examples are bounded so the file runs in about a minute on two cores.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph
from rdflib.compare import isomorphic

from rtgraph.errors import InputError
from rtgraph.lexicon import load_lexicon
from rtgraph.pipeline import extract
from rtgraph.rdf import serialize, to_graph
from rtgraph.sentences import tokenize
from rtgraph.validate import validate

_LEXICON = load_lexicon()
_NAMES = sorted({label for c in _LEXICON.concepts.values() for label in c.labels})
_TRIGGERS = sorted({label for cue in _LEXICON.cues for label in cue.labels})
_PLAIN = ("the", "and", "of", "in", "police", "reported", "groups", "seized", "from", "not", "may",
          "increase", "decline", "Participants", "noted", "that", "is", "was", "by", "with", "2021")
_FIGURES = ("42%", "1,200 kg", "$3.5 million", "12 per cent", "2,001", "0.5", "one third", "1.2 million")
_HOSTILE = (
    "\u202e", "\u200d", "\u200b", "\ufeff", "e\u0301", "\U0001f9ea", "\u2028", "\u2029", "\u00a0",
    "\u2011", "\t", "\u0627\u0644\u0645", "\u4e2d\u6587", "&amp;", "&#x27;", "<script>alert(1)</script>",
    "<b>", "]]>", '"""', "'''", "\\", "\\u0022", "@prefix x: <http://x/> .", "<http://example.org/a>",
    "_:b0", "^^xsd:string", "SELECT * WHERE { ?s ?p ?o }", "SERVICE <http://example.org/sparql>",
    "# not a heading", "---", "|", "{{", "}}", "%s", "${HOME}", "\x0b", "\x0c", "\r",
)
_WORD = st.one_of(
    st.sampled_from(_NAMES),
    st.sampled_from(_TRIGGERS),
    st.sampled_from(_PLAIN),
    st.sampled_from(_FIGURES),
    st.sampled_from(_HOSTILE),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=8),
)
_SENTENCE = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(_WORD, min_size=1, max_size=30),
    st.sampled_from([".", ".", "?", "!", ";", "", "...", ".\u201d"]),
)
_PARAGRAPH = st.builds(" ".join, st.lists(_SENTENCE, min_size=1, max_size=4))
_BODY = st.builds("\n\n".join, st.lists(_PARAGRAPH, min_size=1, max_size=5))
_SUFFIX = st.sampled_from([".txt", ".md", ".html"])


def _file_text(body: str, suffix: str, title: str) -> str:
    if suffix == ".md":
        return f"# {title}\n\n{body}\n"
    if suffix == ".html":
        from html import escape

        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
        return f"<html><head><title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>{paragraphs}</body></html>"
    return f"{title}\n\n{body}\n"


def _build(body: str, suffix: str):
    """(extraction, turtle bytes) for one generated document, or None when rtgraph refuses it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"generated{suffix}"
        path.write_text(_file_text(body, suffix, "Roundtable summary"), encoding="utf-8")
        try:
            extraction = extract([path])
        except InputError as exc:
            assert str(path) in str(exc)  # a refusal names the file
            return None
    return extraction, serialize(to_graph(extraction))


def _check_graph(extraction, turtle: bytes) -> Graph:
    graph = Graph().parse(data=turtle.decode("utf-8"), format="turtle")
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)
    store = pyoxigraph.Store()
    store.load(turtle, pyoxigraph.RdfFormat.TURTLE)
    ntriples = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    assert isomorphic(graph, Graph().parse(data=ntriples.decode("utf-8"), format="nt"))
    assert isomorphic(graph, to_graph(extraction))
    texts = {d.doc_id: d.text for d in extraction.documents}
    for sentence in extraction.sentences:
        assert texts[sentence.doc_id][sentence.start:sentence.end] == sentence.text
    for entity in extraction.entities:
        for mention in entity.mentions:
            assert texts[mention.doc_id][mention.start:mention.end] == mention.text
    for statistic in extraction.statistics:
        sentence = next(s for s in extraction.sentences if (s.doc_id, s.index) == statistic.evidence)
        assert sentence.start <= statistic.start < statistic.end <= sentence.end
    return graph


_FAST = settings(max_examples=40, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@_FAST
@given(body=_BODY, suffix=_SUFFIX)
def test_generated_documents_build_and_round_trip(body, suffix):
    built = _build(body, suffix)
    if built is not None:
        _check_graph(*built)


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=_BODY, suffix=_SUFFIX)
def test_generated_graphs_conform_to_the_shapes(body, suffix):
    built = _build(body, suffix)
    if built is not None:
        report = validate(_check_graph(*built))
        assert report.conforms, report.results[:3]


@pytest.mark.parametrize("body", [
    "\u202eRCMP seized fentanyl\u202c in Ontario.",
    "Fentanyl\u2028and carfentanil were found.\u2029The CBSA noted it.",
    'The "RCMP" said """ @prefix x: <http://x/> . fentanyl.',
    "e\u0301\u0301\u0301 \U0001f9ea\U0001f9ea fentanyl " * 50,
    "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } } fentanyl.",
])
def test_hostile_sentences_build(body):
    built = _build(body, ".txt")
    assert built is not None
    _check_graph(*built)


# Linear work. Wall time is no test (the machine is shared; bench/scale.py measures time):
# the work of a build is counted instead, as the Python calls it makes (cProfile counts every
# function call and generator step, so a scan of every mention against every other shows up;
# the spool test below checks the pipeline's own counts). A generated unit of text is built
# at n, 2n and 4n copies in three shapes; a build's fixed cost cancels in the increments, and
# for linear work the increment from 2n to 4n is twice the one from n to 2n (1.2× per
# doubling allowed). Not shrunk: the numbers in the message say what grew.

_SHAPES = ("paragraphs", "line", "documents")
_UNIT_WORDS = 150  # n: the unit repeated to at least this many words


def _write_shape(folder: Path, shape: str, unit: str, copies: int) -> Path:
    target = folder / f"{shape}-{copies}"
    target.mkdir()
    if shape == "paragraphs":  # one long document
        (target / "doc.txt").write_text("Summary\n\n" + "\n\n".join([unit] * copies) + "\n", encoding="utf-8")
    elif shape == "line":  # one line, no paragraph break
        line = " ".join([" ".join(unit.split())] * copies)
        (target / "doc.txt").write_text("Summary\n\n" + line + "\n", encoding="utf-8")
    else:  # many documents, each its own (identical files are one document)
        for k in range(copies):
            (target / f"doc-{k:03d}.txt").write_text(f"Summary\n\n{unit}\n\nCopy number {k + 1}.\n", encoding="utf-8")
    return target


def _calls(path: Path) -> dict:
    """Python calls of a whole build (extraction, RDF, Turtle, HTML), per function."""
    import cProfile
    import pstats

    from rtgraph.html import render_html

    profile = cProfile.Profile()
    profile.enable()
    try:
        graph = to_graph(extract([path]))
        serialize(graph)
        render_html(graph)
    finally:
        profile.disable()
    return {function: row[1] for function, row in pstats.Stats(profile).stats.items()}


@pytest.mark.parametrize("shape", _SHAPES)
@settings(max_examples=2, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(body=_BODY)
def test_work_grows_linearly_with_the_text(shape, body, monkeypatch):
    from hypothesis import assume

    from rtgraph import pipeline

    # every size reads its document in several chunks: a document of one chunk never
    # touches the spool, and that step (a cost that starts at some size) is no trend
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 300)
    unit = " ".join(body.split("\n\n")[:3])  # one paragraph of the generated sentences
    words = len(unit.split())
    assume(words >= 5)
    n = -(-_UNIT_WORDS // words)
    with tempfile.TemporaryDirectory() as tmp:
        paths = {k: _write_shape(Path(tmp), shape, unit, k * n) for k in (1, 2, 4)}
        try:
            _calls(paths[1])  # warm-up: lexicon, matchers, the spool and the vocabulary's new words
        except InputError:
            assume(False)
        work = {k: _calls(paths[k]) for k in (1, 2, 4)}
    total = {k: sum(calls.values()) for k, calls in work.items()}
    assert 0 < total[4] - total[2] <= 2 * 1.2 * (total[2] - total[1]), \
        f"{shape}: {total} calls at n, 2n, 4n ({words}-word unit ×{n})"
    # and function by function, so a scan that is small beside the rest still shows
    # (functions called a few times per sentence or window vary in steps: 100 calls at least)
    for function, calls in work[4].items():
        first, second = work[2].get(function, 0) - work[1].get(function, 0), calls - work[2].get(function, 0)
        if first >= 100:
            assert second <= 2 * 1.2 * first + 10, \
                f"{shape}: {function} called {[work[k].get(function, 0) for k in (1, 2, 4)]} times at n, 2n, 4n"


def test_the_spool_reads_each_chunk_back_a_fixed_number_of_times(tmp_path):
    """Resolution and every fact reader go through the document in order: each chunk of
    parsed sentences is read back once per pass, however long the document."""
    from rtgraph.ingest import read_corpus
    from rtgraph.pipeline import extract_one

    unit = "The RCMP seized fentanyl from organized crime groups (OCGs) in Ontario. The OCGs import precursors."
    work: dict[int, dict] = {}
    for copies in (40, 160):
        path = tmp_path / f"doc-{copies}.txt"
        path.write_text("Summary\n\n" + "\n\n".join([unit] * copies) + "\n", encoding="utf-8")
        (document,), _ = read_corpus([path])
        work[copies] = {}
        records = extract_one(document, chunk_chars=1_000, work=work[copies])
        assert work[copies]["sentences"] == 2 * copies + 1 == len(records.sentences)
        assert work[copies]["tokens"] == sum(len(tokenize(s.text)) for s in records.sentences)
    small, large = work[40], work[160]
    assert 3.8 <= large["chunks"] / small["chunks"] <= 4.2
    assert large["mentions"] == 4 * small["mentions"]  # candidates, before selection
    assert large["chunks read back"] / large["chunks"] <= small["chunks read back"] / small["chunks"] * 1.1
