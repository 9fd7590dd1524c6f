"""The grader's notebook client: a flood of output is cut, errors are kept."""
import nbformat

from crm.grading.runner import MAX_CELL_OUTPUT, CappedClient


def stream(text, msg_id="m"):
    return {"msg_type": "stream", "parent_header": {"msg_id": msg_id}, "header": {"msg_type": "stream"},
            "content": {"name": "stdout", "text": text}}


def test_output_past_the_cap_is_left_out_once_and_errors_still_kept():
    client = CappedClient(nbformat.v4.new_notebook())
    client.clear_before_next_output = False  # set by nbclient as a cell starts
    outs = []
    chunk = "x" * 100_000
    for _ in range(3 * MAX_CELL_OUTPUT // len(chunk)):
        client.output(outs, stream(chunk), None, 0)
    kept = sum(len(o.get("text", "")) for o in outs if o.get("name") == "stdout")
    assert MAX_CELL_OUTPUT - len(chunk) <= kept <= MAX_CELL_OUTPUT
    notes = [o for o in outs if o.get("name") == "stderr"]
    assert len(notes) == 1 and "left out" in notes[0]["text"]
    error = {"msg_type": "error", "parent_header": {"msg_id": "m"}, "header": {"msg_type": "error"},
             "content": {"ename": "ZeroDivisionError", "evalue": "division by zero", "traceback": []}}
    client.output(outs, error, None, 0)
    assert outs[-1]["output_type"] == "error"
    client.output(outs, stream("y"), None, 1)  # another cell starts from nothing
    assert outs[-1]["text"] == "y"
