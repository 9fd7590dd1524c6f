"""Every case's generated data: byte-identical regeneration, datasheet, schemas, another seed.

Cases are discovered from ``crm.datasets.CASES``: a new generator is tested here as
soon as it exists. What a case's data must reproduce from its source is tested in
that case's own ``test_datasets_<case>.py``.
"""
import filecmp

import pytest

from crm.datasets import CASES, write_case
from crm.io import DATA_DIR, load_case
from crm.schemas import SCHEMAS


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    return request.param


@pytest.fixture(scope="module")
def regenerated(case, tmp_path_factory):
    return write_case(case, data_dir=tmp_path_factory.mktemp("data"))


def test_committed_data_is_exactly_what_the_generator_writes(case, regenerated):
    committed = DATA_DIR / case
    names = sorted(p.name for p in committed.iterdir())
    assert names == sorted(p.name for p in regenerated.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(committed, regenerated, names, shallow=False)
    assert mismatch == [] and errors == []


def test_regenerating_twice_gives_identical_bytes(case, regenerated, tmp_path):
    again = write_case(case, data_dir=tmp_path)
    for path in regenerated.iterdir():
        assert path.read_bytes() == (again / path.name).read_bytes(), path.name


def test_every_table_has_a_schema_and_loads_typed(case):
    generator = CASES[case]
    tables = load_case(case)
    assert set(tables) == set(generator.FILES)
    for table in generator.FILES:
        schema = SCHEMAS.get(f"{case}/{table}", SCHEMAS.get(table))
        assert schema is not None, f"{case}/{table} has no schema"
        assert set(c.name for c in schema.columns if c.required) <= set(tables[table].columns), table


def test_datasheet_quotes_the_source_and_names_every_assumption_and_column(case, regenerated):
    generator = CASES[case]
    sheet = (regenerated / "datasheet.md").read_text(encoding="utf-8")
    assert generator.SOURCE in sheet and generator.QUOTES
    for _, quote, _ in generator.QUOTES:
        assert quote in sheet
    for name in generator.ASSUMPTIONS:
        assert f"`{name}`" in sheet
    for table, df in generator.generate(generator.DEFAULT_SEED).items():
        for column in df.columns:
            assert f"`{column}`" in sheet, (table, column)
