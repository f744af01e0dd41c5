"""Every shipped dump against its gold JSON, field by field."""

from __future__ import annotations

import pytest
from conftest import extract_file, gold_pairs, load_gold

PAIRS = gold_pairs()


def test_enough_house_styles():
    assert len(PAIRS) >= 7


@pytest.mark.parametrize(("dump", "gold_path"), PAIRS, ids=[d.stem for d, _ in PAIRS])
def test_fixture_matches_gold(dump, gold_path):
    [article] = extract_file(dump)
    gold = load_gold(gold_path)
    for key, expected in gold.items():
        if key == "people":
            continue  # measured as precision and recall in test_extract_people.py
        assert article[key] == expected, f"{dump.name}: {key}"
