"""The fast search skips candidates proven unable to reach the review floor and compares
query tokens only with indexed spellings of a length that can be close: its screenings must be
exactly the exhaustive ones (every candidate scored, every spelling compared), on the four
jurisdictions' real lists, for real list names respelt, everyday names and the bench's names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import queries as bench_queries
from bench.run import QUERIES
from screener import db, match, nameindex, registry, store
from screener.match import TokenTable, compare_prepared
from screener.names import prepare
from screener.scorebound import QueryBound, RowShape, letter_counts
from screener.screen import Query, Screener
from tests.conftest import shared_file

LISTS = [("au_dfat", "au/Australian_Sanctions_Consolidated_List.xlsx"),
         ("gb_ofsi", "uk/ConList.xlsx"), ("eu_fsf", "eu/20240513-FULL-1_1.xml"),
         ("us_ofac_sdn", "us/SDN.XML")]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    files = [shared_file(rel) for _, rel in LISTS]
    path = tmp_path_factory.mktemp("identical") / "s.db"
    conn = db.connect(path)
    for (list_id, _), file in zip(LISTS, files, strict=True):
        store.import_file(conn, registry.get_source(list_id), file)
    return conn, Screener.open(conn, path.parent / "cache")


@pytest.fixture(scope="module")
def queries(loaded):
    conn, _ = loaded
    sets = bench_queries.query_sets(bench_queries.current_names(conn), per_kind=150)
    return [*QUERIES, *SCRIPTS, *sets["tuned-on"], *sets["held-out"]]


# Names in Han, Hangul and Cyrillic: a Han name is also read as Korean, a third reading.
SCRIPTS = ["金正恩", "김정은", "金與正", "김여정", "習近平", "Ким Чен Ын", "Сергей Шойгу", "崔龍海"]


def test_fast_screening_is_the_exhaustive_one(loaded, queries):
    _, screener = loaded
    assert len(queries) == 624
    assert bench_queries.differing(screener, queries) == []
    # The queries exercise what the screening decides: hits, reviews and clears alike.
    verdicts = {screener.screen(Query(q)).verdict for q in queries}
    assert verdicts == {"hit", "review", "clear"}


def test_fast_search_scores_far_fewer_candidates(loaded, queries, monkeypatch):
    _, screener = loaded
    calls = {"n": 0}

    def counted(*args, **kwargs):
        calls["n"] += 1
        return compare_prepared(*args, **kwargs)

    monkeypatch.setattr(nameindex, "compare_prepared", counted)
    sample = queries[:120]
    for q in sample:
        screener.index.search(q, min_score=match.REVIEW_THRESHOLD)
    fast = calls["n"]
    calls["n"] = 0
    for q in sample:
        screener.index.search(q, min_score=match.REVIEW_THRESHOLD, exhaustive=True)
    assert fast * 4 < calls["n"], (fast, calls["n"])


def test_length_buckets_find_the_spellings_a_full_scan_finds(loaded, queries):
    index = loaded[1].index
    tokens = {sk for q in queries for sk in prepare(q, "Person").skeletons}
    assert len(tokens) > 500
    for sk in sorted(tokens):
        assert index._similar_skeletons(sk) == index._similar_skeletons(sk, exhaustive=True), sk


# The bound's proof on invented names: words close to each other (spellings, initials,
# particles, joined halves, acronyms, numbers), so that every scoring path is taken.
WORDS = ["ivan", "iwan", "ivanov", "ivanova", "petrov", "petrof", "p", "i", "al", "bin", "abu",
         "mohammed", "muhammad", "mohamed", "hassan", "hasan", "abdul", "rahman", "abdulrahman",
         "nk", "jc", "jean", "claude", "bank", "melli", "iran", "trading", "co", "44", "4",
         "global", "logistics", "kamaz", "sergei", "sergey", "kogogin", "kogogina", "min",
         "aung", "hlaing", "maung", "kyaw", "jnim", "jama", "nusrat", "islam", "muslimin",
         "mr", "president", "dr", "ivanovich", "viktorovich", "xi", "shi", "wang", "wei", "yi",
         "siemens", "ag", "siemensag", "sky", "one", "skyone", "ltd", "llc"]
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)


@st.composite
def near_names(draw) -> tuple[str, list[str]]:
    """A name and names near it: a word dropped, added or replaced, or the words reordered."""
    query = draw(words)
    near = []
    for _ in range(draw(st.integers(1, 5))):
        w = list(query)
        op = draw(st.sampled_from(["drop", "add", "replace", "reorder"]))
        at = draw(st.integers(0, len(w) - 1))
        if op == "drop" and len(w) > 1:
            w.pop(at)
        elif op == "add":
            w.insert(at, draw(st.sampled_from(WORDS)))
        elif op == "replace":
            w[at] = draw(st.sampled_from(WORDS))
        else:
            w = draw(st.permutations(w))
        near.append(" ".join(w))
    return " ".join(query), near



def _bound_for(query: str, names: list[str], schema: str):
    """The query prepared, each name read both ways, their token table and the query's bound."""
    q = prepare(query, schema)
    cands = [prepare(n, s) for n in names for s in ("Person", "Organization")]
    table = TokenTable(q.tokens, (t for c in cands for t in c.tokens))
    return q, cands, table, QueryBound(q, table)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(near_names(), st.sampled_from(["Person", "Organization"]),
       st.sampled_from([0.5, 0.65, 0.8, 0.95]))
def test_a_pruned_candidate_never_reaches_the_floor(pair, schema, floor):
    query, names = pair
    q, cands, table, bound = _bound_for(query, names, schema)
    for c in cands:
        if not bound.may_reach(c, floor):
            assert compare_prepared(q, c, floor, table).score < floor, (query, c.normalised)


def test_length_buckets_break_ties_as_the_full_scan_does():
    """More close spellings than FUZZY_VOCAB_LIMIT at the same similarity, of several lengths
    and in an order that is not by length: the same ones are kept, in the same order."""
    words = ["Ivanovx", "Ivanob", "Ivanovaa", "Ivanoc", "Ivanovab", "Ivanod", "Ivanoe",
             "Ivanovac", "Ivanof", "Ivanog", "Ivanoh", "Ivanovad", "Ivanoj", "Ivanov"]
    index = nameindex.NameIndex((k, f"Petr {w}", "Person") for k, w in enumerate(words))
    for token in ("ivanow", "ivanot", "ivanova", "ivanovae", "ivan", "ivanovich"):
        sk = prepare(token).skeletons[0]
        full = index._similar_skeletons(sk, exhaustive=True)
        assert index._similar_skeletons(sk) == full, token
    assert len(index._similar_skeletons(prepare("ivanow").skeletons[0])) == index.FUZZY_VOCAB_LIMIT


@settings(max_examples=500, deadline=None, derandomize=True)
@given(near_names(), st.sampled_from(["Person", "Organization"]),
       st.sampled_from([0.5, 0.65, 0.8, 0.95]))
def test_the_token_sums_prune_only_what_the_full_bound_prunes(pair, schema, floor):
    """surely_below (sums per candidate word, the index's row shapes) is a shortcut: it may
    leave a candidate to may_reach, never prune one that may_reach keeps."""
    query, names = pair
    q, cands, _, bound = _bound_for(query, names, schema)
    for c in cands:
        shape = RowShape.of(c)
        if bound.surely_below(c, floor, shape.weight_person, shape.weight_org, shape.spaces,
                              shape.letters, shape.word_letters):
            assert not bound.may_reach(c, floor), (query, c.normalised, floor)


def test_the_token_sums_decide_most_candidates_of_the_real_lists(loaded, queries):
    """On the real lists, most candidates the full bound prunes are pruned by the sums alone
    (else the shortcut would only add work)."""
    index = loaded[1].index
    pruned = quick = 0
    for query in queries[:80]:
        person = prepare(query, "Person")
        rows = [i for i in index.candidates(person)]
        cands = [index.name(i) for i in rows]
        if not cands:
            continue
        table = TokenTable(person.tokens, (t for c in cands for t in c.tokens))
        bound = QueryBound(person, table)
        for i, c in zip(rows, cands, strict=True):
            if c.is_org:
                continue
            full = not bound.may_reach(c, match.REVIEW_THRESHOLD)
            fast = bound.surely_below(c, match.REVIEW_THRESHOLD, index.weight_person[i],
                                      index.weight_org[i], index.spaces[i], index.letters[i],
                                      index.word_letters[i])
            assert full or not fast, (query, c.normalised)
            pruned += full
            quick += fast
    assert pruned > 1000 and quick > 0.8 * pruned, (pruned, quick)


@pytest.mark.parametrize("schema", [None, "Person", "Organization"])
def test_the_column_search_finds_what_the_row_by_row_search_finds(loaded, queries, monkeypatch, schema):
    """A process's first search goes row by row (no numpy); later ones rule candidates out over
    the index's columns: the same hits, scores and explanations either way."""
    index = loaded[1].index

    def hits(first_columns: int) -> list:
        monkeypatch.setattr(index, "COLUMNS_FROM", first_columns)
        return [[(h.key, h.score, h.comparison.text, h.payload) for h in index.search(q, schema, limit=50)]
                for q in queries[:300]]

    assert hits(10**9) == hits(0)


def test_the_candidates_ranked_with_numpy_are_the_same(loaded, queries):
    """_best and its numpy twin (a process that has loaded the columns) pick and order the same
    names, ties included."""
    index = loaded[1].index
    index._bulk_columns()
    for q in queries:
        for reading in (prepare(q, "Person"), prepare(q, "Organization")):
            scores: dict[int, float] = {}
            for sk in sorted(set(reading.skeletons)):
                found = index._token_postings(sk, None, [])
                for idx, w in (found or {}).items():
                    scores[idx] = scores.get(idx, 0.0) + w
            assert index._best_columns(scores) == index._best(scores), q


def test_the_index_columns_are_each_names_shape(loaded):
    """The columns the index builds in bulk (and the letter counts a process works out when
    it loads them) say what RowShape and letter_counts say of each name on its own."""
    index = loaded[1].index
    for i in range(0, len(index), 37):
        name = index.name(i)
        shape = RowShape.of(name)
        assert (index.weight_person[i], index.weight_org[i], index.spaces[i], index.letters[i],
                index.word_letters[i], bool(index.is_org[i]), bool(index.notes[i])) == (
            shape.weight_person, shape.weight_org, shape.spaces, shape.letters,
            shape.word_letters, shape.is_org, shape.notes), name.normalised
        bulk = index._bulk_columns()
        assert bytes(bulk.compact_counts[i]) == letter_counts(name.compact)
        assert bytes(bulk.word_counts[i]) == letter_counts(name.normalised.replace(" ", ""))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(near_names(), st.sampled_from(["Person", "Organization"]))
def test_the_column_search_is_the_row_by_row_one_on_invented_names(pair, schema):
    """Names close to the query (initials, joined halves, particles, acronyms, numbers): the
    columns rule out only what the row-by-row bound rules out, hit for hit."""
    query, names = pair
    words = query.split()
    for at in range(len(words) - 1):
        # Two words packed into their initials, the name's last word put first ("PFLP-GC" for
        # "General Command PFLP"): initials beside a word pair of a join's length.
        packed = [*words[:at], words[at][0] + words[at + 1][0], *words[at + 2:]]
        names = [*names, " ".join(packed[-1:] + packed[:-1])]
    index = nameindex.NameIndex([(k, n, s) for k, n in enumerate(names)
                                 for s in ("Person", "Organization")])

    def hits(first_columns: int) -> list:
        index.COLUMNS_FROM = first_columns
        return [(h.key, h.score, h.comparison.text) for h in index.search(query, schema, min_score=0.5)]

    assert hits(10**9) == hits(0), query


def test_a_word_both_initials_and_half_of_a_join_is_kept(loaded):
    """"PFLP-GC": "gc" is the initials of "General Command", and "pflp" + "gc" has the length
    of a join; the join does not spell a query word, the initials still lift the score."""
    index = loaded[1].index
    found = {}
    for first_columns in (10**9, 0):
        index.COLUMNS_FROM = first_columns
        found[first_columns] = [(h.key, h.score) for h in index.search("— General Command PFLP")]
    index.COLUMNS_FROM = nameindex.NameIndex.COLUMNS_FROM
    assert found[0] == found[10**9]
    assert any(h.payload.split("\x1e")[1] == "PFLP-GC" for h in index.search("— General Command PFLP"))
