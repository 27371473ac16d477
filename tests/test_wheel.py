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

    where = run(python, "-c", "import summarizer.providers.openai.prompt as p; print(p.__file__); "
                "print(p.prompt_dir())", cwd=tmp_path).stdout.split()  # fmt: skip
    assert where[0].startswith(str(venv)) and where[1].startswith(str(venv))

    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    fake.add(ok)
    done = run(venv / "bin" / "summarizer", "summarize", article, "--base-url", fake.base_url,
               "-m", "m", "--mode", "tools", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["metadata"]["prompt_version"] == "1.0"
    assert "ARTICLE-" in fake.requests[0]["messages"][1]["content"]
