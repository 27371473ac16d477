"""The wheel carries the prompts: build it, install it into a fresh venv, summarize from there."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.fakeserver import FakeOpenAI
from tests.test_faults import ARTICLE, ok


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False, timeout=300
    )


@pytest.mark.slow
def test_installed_wheel_summarizes_with_its_packaged_prompts(
    tmp_path: Path, fake: FakeOpenAI
) -> None:
    built = run(sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", tmp_path,
                cwd=ROOT)  # fmt: skip
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("summarizer-*.whl"))

    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    installed = run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
                    "--no-deps", "--no-index", wheel, cwd=tmp_path)  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    # The dependencies come from this environment (no network); summarizer from the wheel only.
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
               cwd=tmp_path).stdout.strip()  # fmt: skip
    outer = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "outer-deps.pth").write_text("\n".join(sorted(outer)) + "\n")

    # The templates come from the wheel's data folder, and render as the provider sends them.
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    probe = (
        "import json, sys; from summarizer.input.load import load; "
        "import summarizer.providers.openai.prompt as p; prompt = p.load_prompt(); "
        "print(json.dumps([p.__file__, str(p.prompt_dir()), prompt.version, "
        "prompt.render(load(sys.argv[1]))[1]['content']]))"
    )
    shown = run(python, "-c", probe, article, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    module, folder, version, user = json.loads(shown.stdout)
    assert module.startswith(str(venv)) and folder.startswith(str(venv))
    assert folder.endswith("summarizer/prompt_templates") and version == "2.1"
    assert "ARTICLE-" in user and ARTICLE in user

    # The console script runs from the wheel, and the model gets the packaged prompt.
    fake.add(ok)
    done = run(venv / "bin" / "summarizer", "summarize", article, "--base-url", fake.base_url,
               "-m", "m", "--mode", "tools", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["metadata"]["prompt_version"] == "2.1"
    assert fake.requests[0]["messages"][1]["content"] == user

    # The pytest plugin is registered, so a user's pytest has the summarizer_replay fixture.
    plugin = run(python, "-c", "from importlib.metadata import entry_points; "
                 "print([e.value for e in entry_points(group='pytest11', name='summarizer')])",
                 cwd=tmp_path)  # fmt: skip
    assert plugin.stdout.strip() == "['summarizer.testing']", plugin.stderr
