"""Installs stay reproducible: the README's commands, .ci/run and environment.yml all use the pinned versions."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))[:2]


def pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    found = [re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line) for line in lines if line and not line.startswith("#")]
    assert all(found), [line for line, m in zip(lines, found) if not m]
    return {m[1].lower().replace("_", "-"): m[2] for m in found}


def test_the_readme_starts_with_the_two_commands_and_ci_runs_the_second_exactly():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    student, tests = readme_commands()
    assert text.index("```bash") < text.index("---")  # both commands before anything else
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()[-1] == tests
    for command in (student, tests):
        assert "pip install -c constraints.txt -e " in command


def test_the_student_command_opens_lab_at_the_repository_root_on_the_index():
    student = readme_commands()[0]
    assert re.search(r"jupyter lab (--notebook-dir=\.|--ServerApp\.root_dir=\.) cases/index\.ipynb$", student)


def test_the_student_command_lets_a_notebook_show_its_saved_views_before_lab_starts():
    # JupyterLab renders saved widgets only in a notebook the user trusts (signatures are per user)
    steps = [step.strip() for step in readme_commands()[0].split("&&")]
    before_lab = steps[:next(i for i, step in enumerate(steps) if step.startswith("jupyter lab "))]
    assert "jupyter trust cases/*.ipynb exercises/*.ipynb" in before_lab


def test_binder_signs_the_notebooks_as_the_student_command_does(tmp_path):
    # repo2docker runs postBuild after environment.yml; its signatures go into the image's home.
    import os
    import subprocess
    import sys

    import nbformat
    from nbformat.sign import NotebookNotary

    post = ROOT / "postBuild"
    assert os.access(post, os.X_OK)
    env = {**os.environ, "JUPYTER_DATA_DIR": str(tmp_path), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    subprocess.run([str(post)], cwd=tmp_path, env=env, check=True, capture_output=True)
    notary = NotebookNotary(data_dir=str(tmp_path))
    notebooks = sorted((ROOT / "cases").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
    assert len(notebooks) >= 11
    assert all(notary.check_signature(nbformat.read(p, as_version=4)) for p in notebooks)
    # and it links casebook-lab into the environment, as the student command does
    linked = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "casebook-lab"
    assert linked.resolve() == (ROOT / "widgets" / "app" / "lab" / "casebook-lab").resolve()
    (tmp_path / "nobody").mkdir()  # and the check can fail: another user's data folder trusts nothing
    assert not NotebookNotary(data_dir=str(tmp_path / "nobody")).check_signature(nbformat.read(notebooks[0], as_version=4))


def test_binder_installs_the_same_pins():
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "- -c constraints.txt" in env and "- -e ." in env


def test_every_dependency_is_pinned_and_the_project_is_not():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    names = {re.match(r"[A-Za-z0-9_.-]+", req)[0].lower().replace("_", "-") for req in wanted}
    pinned = pins()
    assert not names - set(pinned), names - set(pinned)
    assert project["name"] not in pinned
