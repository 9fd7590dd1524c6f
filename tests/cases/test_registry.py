"""Every case's generated data: byte-identical regeneration, datasheet, schemas, another seed.

Cases are discovered from ``crm.cases.registry.CASES``: a new generator is tested here as
soon as it exists. What a case's data must reproduce from its source is tested in
that case's own ``test_datasets_<case>.py``.
"""
import filecmp

import numpy as np
import pandas as pd
import pytest

from crm.cases import CASES, SCHEMAS, load_case, registry, write_case
from crm.core.io import DATA_DIR, default_data_dir


@pytest.fixture(scope="module", params=sorted(registry.GENERATED))  # (a draft's data is checked too)
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
    generator = registry.GENERATED[case]
    tables = load_case(case)
    assert set(tables) == set(generator.FILES)
    for table in generator.FILES:
        schema = SCHEMAS.get(f"{case}/{table}", SCHEMAS.get(table))
        assert schema is not None, f"{case}/{table} has no schema"
        assert set(c.name for c in schema.columns if c.required) <= set(tables[table].columns), table


def test_datasheet_quotes_the_source_and_names_every_assumption_and_column(case, regenerated):
    generator = registry.GENERATED[case]
    sheet = (regenerated / "datasheet.md").read_text(encoding="utf-8")
    assert generator.SOURCE in sheet and generator.QUOTES
    for _, quote, _ in generator.QUOTES:
        assert quote in sheet
    for name in generator.ASSUMPTIONS:
        assert f"`{name}`" in sheet
    for table, df in generator.generate(generator.DEFAULT_SEED).items():
        for column in df.columns:
            assert f"`{column}`" in sheet, (table, column)


def _assumption_row(sheet: str, name: str) -> str:
    return next(line for line in sheet.splitlines() if line.startswith(f"| `{name}` |"))


def test_every_figure_the_datasheet_gives_for_the_data_is_computed_from_the_files(case):
    """The committed datasheet's "in the data" figures are those of the committed files (read back)."""
    from crm.cases.datasheet import _figure
    generator = registry.GENERATED[case]
    sheet = (DATA_DIR / case / "datasheet.md").read_text(encoding="utf-8")
    tables = load_case(case)
    for name, measure in getattr(generator, "MEASURED", {}).items():
        assert name in generator.ASSUMPTIONS, name
        assert _assumption_row(sheet, name).endswith(f"; in the data: {_figure(measure(tables))} |"), name


@pytest.mark.parametrize("case_name, name, figure", [("bank", "manual_share", "0.301"),
                                                      ("futures", "on_spot_share", "0.265"),
                                                      ("futures", "client_records", "18,831")])
def test_the_three_figures_that_did_not_match_the_data_now_show_the_data(case_name, name, figure):
    """Before: the datasheets gave 0.35, 0.35 and 20,000 as if the data held them."""
    sheet = (DATA_DIR / case_name / "datasheet.md").read_text(encoding="utf-8")
    assert f"in the data: {figure} |" in _assumption_row(sheet, name)


def test_preloaded_case_is_copied_for_identical_files_and_reread_for_changed_ones(tmp_path, supermarket):
    import os
    import shutil

    from crm.cases import registry

    src = default_data_dir() / "supermarket"
    for name in ("a", "b"):
        shutil.copytree(src, tmp_path / name / "supermarket")
    kept = registry.preload_case("supermarket", tmp_path / "a")
    try:
        same = registry.load_case("supermarket", tmp_path / "b")  # other folder, same bytes
        assert same["transactions"] is not kept["transactions"]  # a copy in the preloading process
        pd.testing.assert_frame_equal(same["customers"], supermarket["customers"])
        changed = tmp_path / "b" / "supermarket" / "survey.csv"
        lines = changed.read_text(encoding="utf-8").splitlines(keepends=True)
        changed.write_text("".join(lines[:-1]), encoding="utf-8")  # one respondent fewer
        assert len(registry.load_case("supermarket", tmp_path / "b")["survey"]) == len(supermarket["survey"]) - 1
        # A forked child takes the kept tables themselves, once.
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            first = registry.load_case("supermarket", tmp_path / "a")
            again = registry.load_case("supermarket", tmp_path / "a")
            os.write(w, bytes([first["transactions"] is kept["transactions"],
                               again["transactions"] is not kept["transactions"]]))
            os._exit(0)
        os.waitpid(pid, 0)
        assert os.read(r, 2) == b"\x01\x01"
    finally:
        registry._PRELOADED.clear()


def test_preloaded_tables_hold_each_distinct_string_once_with_the_same_values(tmp_path):
    """A forked kernel writes to the page of every object it reads: one object per distinct string."""
    import shutil

    src = default_data_dir() / "supermarket"
    shutil.copytree(src, tmp_path / "supermarket")
    read = registry.load_case("supermarket", tmp_path)
    kept = registry.preload_case("supermarket", tmp_path)
    try:
        assert set(kept) == set(read)
        for name, table in read.items():
            pd.testing.assert_frame_equal(kept[name], table, check_exact=True)  # values and dtypes alike
        # the same id in the transactions and in the customers table is one object
        objects = {}
        for name, column in (("transactions", "customer_id"), ("customers", "customer_id"),
                             ("transactions", "transaction_id")):
            for value in kept[name][column]:
                objects.setdefault(value, set()).add(id(value))
        assert all(len(ids) == 1 for ids in objects.values())
        assert len({id(v) for v in kept["transactions"]["customer_id"]}) == kept["transactions"]["customer_id"].nunique()
        # and not the objects the tables were read with
        assert kept["customers"]["customer_id"].iloc[0] is not read["customers"]["customer_id"].iloc[0]
    finally:
        registry._PRELOADED.clear()


def test_shared_strings_keep_missing_values_and_non_strings_as_they_are():
    df = pd.DataFrame({"a": pd.Series(["x", None, np.nan, "x", 3, "y"], dtype=object), "n": range(6)})
    out = registry._share_strings({"t": df})["t"]
    pd.testing.assert_frame_equal(out, df, check_exact=True)
    assert out["a"].iloc[1] is None and out["a"].iloc[2] is not None and np.isnan(out["a"].iloc[2])
    assert out["a"].iloc[0] is out["a"].iloc[3] and out["a"].iloc[4] == 3
    assert df["a"].iloc[0] == "x"  # the input is not changed


def test_a_draft_case_is_kept_out_of_every_list_a_user_sees_and_its_data_is_still_checked():
    from crm.cases import case_catalogue
    from crm.cases.registry import draft_and_whole_packages, draft_cases

    drafts = draft_cases()
    assert set(drafts) == set(registry.DRAFTS) and not set(drafts) & set(CASES)
    assert set(draft_and_whole_packages()) == set(CASES) | set(drafts)
    assert all(isinstance(lacks, str) and lacks.strip() for lacks in drafts.values())  # it says what it lacks
    assert not set(drafts) & set(case_catalogue().index)  # no gallery card, no app, no exercise
