"""--scheduler: the per-document extraction on a local Dask cluster gives the bytes of one worker."""

from __future__ import annotations

import os
import pickle
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from rtgraph import cache
from rtgraph.lexicon import load_lexicon

distributed = pytest.importorskip("distributed")

from corpus_builds import ROOT, make_corpus, output_bytes, run_build


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("cluster") / "in")


@pytest.fixture(scope="module")
def one_worker(corpus, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("one")
    result = run_build(corpus, out, "--no-cache")
    assert result.returncode == 0, result.stderr
    return output_bytes(out)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


def test_a_local_cluster_gives_the_bytes_of_one_worker(corpus, one_worker, cluster, tmp_path):
    out = tmp_path / "out"
    result = run_build(corpus, out, "--scheduler", cluster.scheduler_address)
    assert result.returncode == 0, result.stderr
    assert output_bytes(out) == one_worker
    # the build process wrote the cache: a second build reads every document from it
    assert len(list((out / cache.CACHE_DIR).glob("*.pickle"))) == 3
    again = run_build(corpus, out, "--scheduler", cluster.scheduler_address, "-v")
    assert "3 of 3 documents unchanged" in again.stdout and output_bytes(out) == one_worker
    assert again.stderr.count("(from the cache)") == 3


def test_both_workers_extract(corpus, cluster, tmp_path):
    """Each document is one task: with three documents, both workers get work."""
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        with distributed.get_task_stream(client) as stream:
            result = run_build(corpus, tmp_path / "out", "--no-cache", "--scheduler", cluster.scheduler_address)
    assert result.returncode == 0, result.stderr
    tasks = [t for t in stream.data if str(t["key"]).startswith("_extract_remote")]
    assert len(tasks) == 3
    assert {t["worker"] for t in tasks} == set(cluster.scheduler_info["workers"])


def test_the_lexicon_pickles_for_the_workers():
    lexicon = load_lexicon()
    copy = pickle.loads(pickle.dumps(lexicon))
    assert dict(copy.concepts) == dict(lexicon.concepts) and copy.cues == lexicon.cues
    assert copy.types_of(next(iter(lexicon.superclass))) == lexicon.types_of(next(iter(lexicon.superclass)))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(("address", "status", "says"), [
    (None, 7, "cannot reach the Dask scheduler"),  # a free port: nothing listens
    ("tcp://no-such-host.invalid:8786", 7, "cannot reach the Dask scheduler"),
    ("nonsense", 2, "not a Dask scheduler address"),
    ("foo://127.0.0.1:8786", 2, "not a Dask scheduler address"),
])
def test_unreachable_scheduler_is_one_line(corpus, tmp_path, address, status, says):
    address = address or f"tcp://127.0.0.1:{_free_port()}"
    result = run_build(corpus, tmp_path / "out", "--scheduler", address)
    assert result.returncode == status
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"rtgraph: error: --scheduler {address}: {says}"), result.stderr
    assert not (tmp_path / "out" / "rtgraph.ttl").exists()


def test_extra_not_installed_is_one_line(corpus, tmp_path):
    # distributed made unimportable, as where the extra is not installed
    code = ("import sys; sys.modules['distributed'] = None; from rtgraph.cli import main; "
            f"sys.exit(main(['build', {str(corpus)!r}, '-o', {str(tmp_path / 'out')!r}, "
            "'--scheduler', 'tcp://127.0.0.1:8786']))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 9
    assert result.stderr.strip().splitlines() == [
        "rtgraph: error: --scheduler needs Dask distributed, which is not installed (distributed): "
        "pip install 'rtgraph[distributed]'"]


def test_scheduler_with_workers_is_a_usage_error(corpus, tmp_path):
    result = run_build(corpus, tmp_path / "out", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2")
    assert result.returncode == 2 and "--scheduler and --workers" in result.stderr


@pytest.fixture
def other_rtgraph(tmp_path) -> Path:
    """A copy of rtgraph with one changed source line: another pipeline version."""
    import rtgraph

    package = Path(rtgraph.__file__).resolve().parent
    copy = tmp_path / "other"
    shutil.copytree(package, copy / "src" / "rtgraph", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "ontology", copy / "ontology")
    ids = copy / "src" / "rtgraph" / "ids.py"
    ids.write_text(ids.read_text(encoding="utf-8") + "# another release\n", encoding="utf-8")
    return copy / "src"


def test_a_worker_running_another_rtgraph_is_refused(corpus, tmp_path, other_rtgraph):
    with distributed.LocalCluster(n_workers=0, processes=True, dashboard_address=":0") as empty:
        env = {**os.environ, "PYTHONPATH": str(other_rtgraph)}
        worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", empty.scheduler_address,
                                   "--nthreads", "1", "--no-dashboard"], env=env, cwd=tmp_path,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with distributed.Client(empty.scheduler_address, set_as_default=False) as client:
                client.wait_for_workers(1, timeout=120)
            result = run_build(corpus, tmp_path / "out", "--no-cache", "--scheduler", empty.scheduler_address)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    assert result.returncode == 9, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "runs another rtgraph" in lines[0] and "install the same rtgraph" in lines[0]
    assert not (tmp_path / "out" / "rtgraph.ttl").exists()


def test_a_scheduler_without_workers_is_one_line(corpus, tmp_path):
    with distributed.LocalCluster(n_workers=0, processes=True, dashboard_address=":0") as empty:
        result = run_build(corpus, tmp_path / "out", "--scheduler", empty.scheduler_address)
    assert result.returncode == 7
    assert result.stderr.strip().splitlines() == [
        f"rtgraph: error: --scheduler {empty.scheduler_address}: the Dask scheduler has no workers "
        f"(none joined within 10 s)"]
