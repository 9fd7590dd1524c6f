"""crm.cases.fuel.funnel: the three-step acquisition funnel and its what-if."""
import pandas as pd
import pytest

from crm.cases.fuel.funnel import FUNNEL_STEPS, acquisition_funnel, funnel_what_if
from crm.core.schemas import DataError

CUSTOMERS = pd.DataFrame({
    "first_visit": pd.to_datetime(["2023-05-01", "2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]),
    "second_visit": pd.to_datetime([None, "2024-01-09", "2024-01-12", None, "2024-01-20"]),
    "third_visit": pd.to_datetime([None, "2024-01-20", "2024-01-25", None, None]),
    "file_stage": ["complete", "complete", "plate", "plate", "basic"]})


def test_funnel_counts_each_step_of_the_new_vehicles():
    f = acquisition_funnel(CUSTOMERS, since="2024-01-01")
    assert list(f.index) == list(FUNNEL_STEPS)
    assert f["customers"].tolist() == [4, 3, 2, 1, 1]
    assert f["rate"].tolist() == pytest.approx([1, 0.75, 2 / 3, 0.5, 1.0])
    assert f["share"].iloc[-1] == pytest.approx(0.25)


def test_what_if_changes_only_the_steps_given():
    f = funnel_what_if(acquisition_funnel(CUSTOMERS, since="2024-01-01"), {"basic_file": 1.0})
    assert f["what_if_customers"].tolist() == pytest.approx([4, 3, 3, 1.5, 1.5])
    with pytest.raises(DataError, match="between 0 and 1"):
        funnel_what_if(f, {"basic_file": 1.5})
    with pytest.raises(DataError):
        acquisition_funnel(CUSTOMERS, since="2030-01-01")
