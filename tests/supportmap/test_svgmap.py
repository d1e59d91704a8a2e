"""The support map SVG: structure, words (English and Spanish), hostile names, and label
geometry for 0-40 entries in both languages."""

from __future__ import annotations

import json
import math
import random
import re
import xml.etree.ElementTree as ET
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.supportmap.geometry import label_boxes
from toolkit.supportmap.people import RING_LABELS, RINGS, SupportMap, ring_label
from toolkit.supportmap.svg import MIN_FONT, render_group, render_map, shorten
from toolkit.text.languages import LANGUAGES
from toolkit.text.strings import ui

NS = {"svg": "http://www.w3.org/2000/svg"}
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
NAMES = ["Ana", "Marcus", "Grandma Rose", "Coach Dee", "Tío Javier", "Sam", "Priya",
         "Dr. Okafor", "Tuesday AA group", "Maria Fernanda de la Cruz", "Li", "Aunt Bea"]
SUPPORTS = ("yes", "unsure", "no", None)
LANGS = tuple(LANGUAGES)  # Spanish ring names and legend words are longer: check all


def _map(per_ring: dict[str, int], seed: int = 1) -> SupportMap:
    rnd = random.Random(seed)
    m = SupportMap()
    for ring, n in per_ring.items():
        for _ in range(n):
            m.add(rnd.choice(NAMES), ring, supports=rnd.choice(SUPPORTS))
    return m


def _root(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _entries(svg: str) -> list[ET.Element]:
    return _root(svg).findall(".//svg:g[@class='entry']", NS)


def _entry(svg: str, row: str) -> ET.Element:
    (g,) = [g for g in _entries(svg) if g.get("data-row") == row]
    return g


def _position(g: ET.Element) -> tuple[float, float]:
    x, y = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", g.get("transform", "")).groups()
    return float(x), float(y)


def _label(g: ET.Element) -> str:
    return "".join(g.find("svg:text[@class='label']", NS).itertext())


def _assert_clear(svg: str) -> None:
    """No two text boxes overlap, all lie inside the viewBox, and no font is under 9 px."""
    root = _root(svg)
    x0, y0, w, h = map(float, root.get("viewBox").split())
    boxes = label_boxes(svg)
    for a, b in combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    for b in boxes:
        assert x0 <= b[0] and b[2] <= x0 + w and y0 <= b[1] and b[3] <= y0 + h, (b, w, h)
    assert all(float(t.get("font-size")) >= MIN_FONT for t in root.iter(f"{{{NS['svg']}}}text"))
    _assert_ring_names_inside(svg)


def _assert_ring_names_inside(svg: str) -> None:
    """Each ring's name lies inside its own zone: clear of the circle inside and outside it."""
    data = json.loads(_root(svg).get("data-rings"))
    names = label_boxes(svg, "ring-label")
    assert len(names) == len(RINGS)
    for ring, (x0, y0, x1, y1) in zip(RINGS, names, strict=True):
        zone = data["rings"][ring]
        corners = [(x - data["cx"], y - data["cy"]) for x in (x0, x1) for y in (y0, y1)]
        assert all(math.hypot(x, y) <= zone["outer"] for x, y in corners), (ring, zone)
        assert x0 < data["cx"] < x1 and y0 - data["cy"] >= zone["inner"], (ring, zone)


def test_map_is_a_standalone_labelled_svg() -> None:
    """The map parses as XML: an <svg role="img"> named by its <title> and <desc>."""
    root = _root(render_map(_map({"closest": 2, "close": 3}), title="Ana's map"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("role") == "img"
    assert root.get("viewBox").startswith("0 0 ")
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"svg:title[@id='{title_id}']", NS).text == "Ana's map"
    assert root.find(f"svg:desc[@id='{desc_id}']", NS) is not None


def test_desc_summarises_each_ring_in_words() -> None:
    """The <desc> gives counts per ring in words, for screen readers."""
    m = SupportMap()
    m.add("Ana", "closest", supports="yes")
    m.add("Sam", "closest", supports="unsure")
    desc = _root(render_map(m)).find("svg:desc", NS).text
    assert "Closest: 2 (1 supportive, 1 not sure)." in desc
    assert "Professionals and groups: no one yet." in desc


def test_rings_and_me_are_drawn() -> None:
    """Four ring circles in order, each named with its RING_LABELS text, and 'Me' at the centre."""
    root = _root(render_map(_map({"wider": 1})))
    rings = root.findall("svg:circle[@class='ring']", NS)
    assert sorted(c.get("data-ring") for c in rings) == sorted(RINGS)
    radii = {c.get("data-ring"): float(c.get("r")) for c in rings}
    assert [radii[r] for r in RINGS] == sorted(radii.values())
    texts = {"".join(t.itertext()) for t in root.iter(f"{{{NS['svg']}}}text")}
    assert "Me" in texts and set(RING_LABELS.values()) <= texts


def test_data_rings_gives_centre_and_zones() -> None:
    """data-rings holds the centre and each ring's inner/outer radius, nested without gaps."""
    root = _root(render_map(_map({"close": 3})))
    data = json.loads(root.get("data-rings"))
    zones = [data["rings"][r] for r in RINGS]
    assert data["cx"] > 0 and data["cy"] > 0
    assert all(z["inner"] < z["outer"] for z in zones)
    assert all(a["outer"] == b["inner"] for a, b in pairwise(zones))


def test_moved_entry_is_drawn_inside_its_new_ring() -> None:
    """After SupportMap.move, the entry has the new data-ring and sits inside that zone."""
    m = _map({"closest": 3, "wider": 5})
    row = m.in_ring("wider")[2].row
    m.move(row, "closest")
    svg = render_map(m)
    g = _entry(svg, row)
    data = json.loads(_root(svg).get("data-rings"))
    x, y = _position(g)
    distance = math.hypot(x - data["cx"], y - data["cy"])
    zone = data["rings"]["closest"]
    assert g.get("data-ring") == "closest"
    assert zone["inner"] <= distance <= zone["outer"]


def test_entries_start_at_the_top_and_go_clockwise() -> None:
    """A ring's entries begin straight above 'Me' and continue clockwise, in map order."""
    m = _map({"close": 4})
    svg = render_map(m)
    data = json.loads(_root(svg).get("data-rings"))
    (x0, y0), (x1, y1) = (_position(_entry(svg, e.row)) for e in m.in_ring("close")[:2])
    assert abs(x0 - data["cx"]) < 1 and y0 < data["cy"]
    assert x1 > data["cx"] and abs(y1 - data["cy"]) < 1


def test_support_values_differ_by_shape() -> None:
    """Supportive, not sure, not supportive and unknown each get their own marker shape."""
    m = SupportMap()
    for support in SUPPORTS:
        m.add("Ana", "close", supports=support)
    shapes = {g.get("data-support"): g.find("*[@data-shape]", NS).get("data-shape")
              for g in _entries(render_map(m))}
    assert set(shapes) == {"yes", "unsure", "no", "unknown"}
    assert len(set(shapes.values())) == 4


def test_entry_says_name_ring_and_support_in_words() -> None:
    """Each entry has an aria-label and <title> such as 'Ana, closest, supports my recovery'."""
    m = SupportMap()
    row = m.add("Ana", "closest", supports="yes").row
    g = _entry(render_map(m), row)
    assert g.get("aria-label") == "Ana, closest, supports my recovery"
    assert g.find("svg:title", NS).text == "Ana, closest, supports my recovery"


def test_legend_explains_shapes_in_words() -> None:
    """A legend pairs each marker shape with words, so shapes are never the only cue."""
    root = _root(render_map(_map({"close": 2})))
    legend = {"".join(t.itertext()) for t in root.findall(".//svg:text[@class='legend']", NS)}
    assert legend == {"Supports my recovery", "Not sure if they support my recovery",
                      "Does not support my recovery", "Support not marked yet"}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_legend_markers_are_inside_the_picture(lang: str) -> None:
    """Each legend marker is drawn whole, with the margin everything else has (12 px), also on
    the client's smaller canvas (its left markers were cut off at the picture's edge)."""
    for size in (420, 640):
        root = _root(render_map(_map({"close": 2}), lang=lang, size=size))
        _, _, width, height = (float(v) for v in root.get("viewBox").split())
        for key in root.findall(".//svg:g[@class='key']", NS):
            x, y = _position(key)
            room = 8 + 12  # half a marker, then the margin
            assert room <= x <= width - room and room <= y <= height - room, (size, x, y)


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", '"quotes" & <b>'])
def test_hostile_names_appear_only_escaped(name: str) -> None:
    """Markup in a name is escaped text: the SVG parses and holds no script or <b> element."""
    m = SupportMap()
    row = m.add(name, "closest").row
    svg = render_map(m)
    assert "<script" not in svg and "<b>" not in svg
    root = _root(svg)
    assert not [el for el in root.iter() if el.tag.split("}")[-1] in ("script", "b")]
    assert _label(_entry(svg, row)) == shorten(name)
    assert _entry(svg, row).find("svg:title", NS).text.startswith(name)


def test_characters_xml_cannot_hold_are_dropped() -> None:
    """Control characters in a name are dropped, so the SVG still parses."""
    m = SupportMap()
    row = m.add("A\x00n\x1ba\x0b", "close").row
    svg = render_map(m, title="Map\x08")
    assert _label(_entry(svg, row)) == "Ana"


def test_long_names_are_shortened_at_a_word_boundary() -> None:
    """A long name is cut after a whole word with '…'; the full name stays in <title>."""
    m = SupportMap()
    row = m.add("Maria Fernanda de la Cruz", "close").row
    g = _entry(render_map(m), row)
    assert _label(g) == "Maria Fernanda…"
    assert g.find("svg:title", NS).text.startswith("Maria Fernanda de la Cruz, close")


def test_one_very_long_word_is_cut_with_an_ellipsis() -> None:
    """A single word longer than the limit is cut mid-word, with '…', to 16 characters."""
    assert shorten("Supercalifragilistic") == "Supercalifragil…"
    assert shorten("Sam") == "Sam"


def test_safety_ratings_show_as_text_badges() -> None:
    """Safety ratings appear as words next to the label; unknown ratings add nothing."""
    m = SupportMap()
    rows = [m.add(n, "close").row for n in ("Ana", "Sam", "Li", "Jo")]
    ratings = dict(zip(rows, ["safe", "unsure", "not_safe", "bogus"], strict=True))
    svg = render_map(m, safety=ratings)
    labels = [_label(_entry(svg, row)) for row in rows]
    assert labels == ["Ana ✓ safe", "Sam ? unsure", "Li ! not safe", "Jo"]
    assert _entry(svg, rows[2]).get("aria-label").endswith(", feels not safe")


def test_empty_map_shows_rings_me_and_an_invitation() -> None:
    """An empty map still draws rings and 'Me', plus a short invitation to add people."""
    svg = render_map(SupportMap())
    root = _root(svg)
    assert not _entries(svg) and len(root.findall("svg:circle[@class='ring']", NS)) == 4
    hint = root.find("svg:text[@class='hint']", NS)
    assert "".join(hint.itertext()) == "Add people and groups to see them here"
    _assert_clear(svg)


def test_label_boxes_use_the_agreed_estimate() -> None:
    """label_boxes: 0.6 em per character, one em tall, shifted by the group's translate."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><g transform="translate(100 50)">'
           '<text x="10" y="20" font-size="10" text-anchor="middle">abcd'
           '<tspan> ef</tspan></text></g></svg>')
    assert label_boxes(svg) == [pytest.approx((89.0, 62.0, 131.0, 72.0))]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", [420, 640])
def test_empty_and_one_entry_maps_are_clear(lang: str, size: int) -> None:
    """No entries or one entry, at the widget's and the print's size: ring names fit."""
    _assert_clear(render_map(SupportMap(), size=size, lang=lang))
    _assert_clear(render_map(_map({"closest": 1}), size=size, lang=lang))


@pytest.mark.parametrize("lang", LANGS)
def test_eight_per_ring_is_clear(lang: str) -> None:
    """Eight entries in every ring, with safety badges: no overlapping text."""
    m = _map({r: 8 for r in RINGS}, seed=2)
    svg = render_map(m, safety={e.row: "not_safe" for e in m.entries[::3]}, lang=lang)
    assert len(_entries(svg)) == 32
    _assert_clear(svg)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ring", RINGS)
def test_forty_in_one_ring_is_clear(ring: str, lang: str) -> None:
    """Forty entries all in one ring: no overlapping text, all inside the picture."""
    svg = render_map(_map({ring: 40}, seed=3), lang=lang)
    assert len(_entries(svg)) == 40
    _assert_clear(svg)


Row = tuple[str, str, str | None, str | None]
entry_strategy = st.tuples(st.text(max_size=30), st.sampled_from(RINGS),
                           st.sampled_from(SUPPORTS),
                           st.sampled_from((None, "safe", "unsure", "not_safe")))


@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=50, deadline=None)
@given(st.lists(entry_strategy, max_size=40), st.sampled_from((420, 640)))
def test_any_forty_entries_are_clear(lang: str, entries: list[Row], size: int) -> None:
    """Up to 40 entries with any names, rings, support and safety, at either size, in
    English or Spanish: the picture stays clear."""
    m, safety = SupportMap(), {}
    for name, ring, support, rating in entries:
        row = m.add(name, ring, supports=support).row
        if rating:
            safety[row] = rating
    svg = render_map(m, safety=safety, size=size, lang=lang)
    assert len(_entries(svg)) == len(entries)
    _assert_clear(svg)


def test_example_maps_are_saved_for_review() -> None:
    """An 8-person and a 40-person map are written to artifacts/ for a human to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    eight = _map({"closest": 2, "close": 3, "wider": 2, "professional": 1}, seed=4)
    forty = _map({"closest": 6, "close": 10, "wider": 16, "professional": 8}, seed=5)
    for name, m in (("support_map_8", eight), ("support_map_40", forty)):
        safety = {e.row: "safe" for e in m.entries[::4]}
        svg = render_map(m, safety=safety, title=f"Example support map ({len(m)} entries)")
        _assert_clear(svg)
        (ARTIFACTS / f"{name}.svg").write_text(svg, encoding="utf-8")
        svg = render_map(m, safety=safety, lang="es")
        _assert_clear(svg)
        (ARTIFACTS / f"{name}_es.svg").write_text(svg, encoding="utf-8")
    assert (ARTIFACTS / "support_map_40.svg").stat().st_size > 0


def _group_counts(maps: list[SupportMap]) -> dict[str, dict[str, int]]:
    total = {r: {"yes": 0, "unsure": 0, "no": 0, "unknown": 0} for r in RINGS}
    for m in maps:
        for ring, kinds in m.counts().items():
            for kind, n in kinds.items():
                total[ring][kind] += n
    return total


def test_group_view_shows_counts_per_ring() -> None:
    """render_group writes each ring's counts by kind as text, skipping zero counts."""
    counts = {"closest": {"yes": 12, "unsure": 3, "no": 1, "unknown": 0}}
    svg = render_group(counts)
    root = _root(svg)
    lines = ["".join(t.itertext()) for t in root.findall("svg:text[@class='count']", NS)]
    assert {"12 supportive", "3 not sure", "1 not supportive"} <= set(lines)
    assert lines.count("no one yet") == 3
    assert len(root.findall("svg:circle[@class='ring']", NS)) == 4
    _assert_clear(svg)


@pytest.mark.parametrize("lang", LANGS)
def test_group_view_with_every_ring_full_is_clear(lang: str) -> None:
    """Four count lines in every ring, at the dashboard's size: no overlapping text."""
    counts = {r: {"yes": 12, "unsure": 3, "no": 1, "unknown": 7} for r in RINGS}
    _assert_clear(render_group(counts, size=420, lang=lang))


def test_group_view_contains_no_names() -> None:
    """A group view built from maps with distinctive names shows none of those names."""
    names = ["Zebulon", "Quintessa", "Marlowe Finch", "Octavia"]
    maps = [SupportMap(), SupportMap()]
    for i, name in enumerate(names):
        maps[i % 2].add(name, RINGS[i], supports=SUPPORTS[i])
    svg = render_group(_group_counts(maps))
    assert not [n for n in names if n.casefold() in svg.casefold()]
    assert "1 supportive" in svg


def test_group_view_rejects_unknown_rings() -> None:
    """Counts for a ring or kind the map does not have fail loudly, naming the bad key."""
    with pytest.raises(ValueError, match="closer"):
        render_group({"closer": {"yes": 1}})


def _texts(svg: str) -> set[str]:
    return {"".join(t.itertext()) for t in _root(svg).iter(f"{{{NS['svg']}}}text")}


def test_spanish_map_names_me_and_the_rings_in_spanish() -> None:
    """With lang="es": 'Yo' in the centre, the Spanish ring names, and a Spanish title."""
    svg = render_map(_map({"wider": 1}), lang="es")
    root, texts = _root(svg), _texts(svg)
    assert "Yo" in texts and "Me" not in texts
    assert {"Los más cercanos", "Cercanos", "Círculo más amplio",
            "Profesionales y grupos"} <= texts
    assert root.find("svg:title", NS).text == "Mi mapa de apoyo"


def test_ring_names_follow_the_language() -> None:
    """The picture's ring names are the widget's (ring_label), so screen and paper agree."""
    for lang in LANGS:
        svg = render_map(SupportMap(), lang=lang)
        assert {ring_label(r, lang) for r in RINGS} <= _texts(svg)


def test_spanish_legend_entries_and_desc() -> None:
    """The legend, each entry's aria-label and the <desc> summary are Spanish."""
    m = SupportMap()
    row = m.add("Ana", "closest", supports="yes").row
    m.add("Sam", "closest", supports="unsure")
    svg = render_map(m, safety={row: "safe"}, lang="es")
    legend = {"".join(t.itertext()) for t in _root(svg).findall(".//svg:text[@class='legend']",
                                                                 NS)}
    assert legend == {"Apoya mi recuperación", "No sé si apoya mi recuperación",
                      "No apoya mi recuperación", "Apoyo sin marcar todavía"}
    assert _entry(svg, row).get("aria-label") == (
        "Ana, los más cercanos, apoya mi recuperación, esta persona me da seguridad")
    assert _label(_entry(svg, row)) == "Ana ✓ da seguridad"
    desc = _root(svg).find("svg:desc", NS).text
    assert "Los más cercanos: 2 (1 apoya, 1 en duda)." in desc
    assert "Profesionales y grupos: todavía nadie." in desc


def test_spanish_empty_map_invites_in_spanish() -> None:
    """An empty Spanish map asks the client, in Spanish, to add people and groups."""
    hint = _root(render_map(SupportMap(), lang="es")).find("svg:text[@class='hint']", NS)
    assert "".join(hint.itertext()) == ui("map_empty_hint", "es")
    assert "Agregue personas y grupos" in hint.text


def test_spanish_group_view_counts_agree_in_number() -> None:
    """Spanish counts use the singular for one ("1 apoya") and the plural otherwise."""
    counts = {"closest": {"yes": 1, "no": 2}, "close": {"yes": 3, "no": 1}}
    svg = render_group(counts, lang="es")
    lines = {"".join(t.itertext()) for t in _root(svg).findall("svg:text[@class='count']", NS)}
    assert {"1 apoya", "2 no apoyan", "3 apoyan", "1 no apoya", "todavía nadie"} <= lines
    assert _root(svg).find("svg:title", NS).text == "Los mapas de apoyo de nuestro grupo"


def test_english_stays_the_default() -> None:
    """Without lang, the picture is English, as before."""
    texts = _texts(render_map(_map({"wider": 1})))
    assert "Me" in texts and set(RING_LABELS.values()) <= texts
