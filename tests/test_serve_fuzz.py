"""The OpenAPI spec, validated and fuzzed with schemathesis (bounded: a few dozen
generated requests per operation, the whole fuzz well under a minute): no request may
give a 500, every response must match the spec (status codes, content types, bodies)."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the serve extra (fastapi) is not installed")
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis (dev extra) is not installed")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from eventwire.serve import create_app  # noqa: E402

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(seed_db: str) -> object:
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(seed_db))


def test_serve_fuzz_openapi_spec_is_valid(seed_db: str) -> None:
    from fastapi.testclient import TestClient

    spec = TestClient(create_app(seed_db)).get("/api/openapi.json").json()
    schema = schemathesis.openapi.from_dict(spec)
    ops = [r.ok() for r in schema.get_all_operations()]  # raises on an invalid spec
    assert len(ops) >= 15
    for path, item in spec["paths"].items():
        for method, op in item.items():
            assert op.get("summary"), (method, path)
            assert "400" in op["responses"] or not op.get("parameters"), (method, path)


def test_serve_fuzz_no_request_gives_a_server_error(seed_db: str) -> None:
    """Every operation, 20 generated requests each (hypothesis, derandomized so a run is
    reproducible); schemathesis' pytest plugin is not used (lazy schemas do not work with
    this pytest), so the loop over operations is explicit."""
    import time

    from hypothesis import given

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(seed_db))
    t0, n_ops = time.perf_counter(), 0
    for result in schema.get_all_operations():
        op = result.ok()
        n_ops += 1

        @given(case=op.as_strategy())
        @settings(max_examples=20, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: object) -> None:
            case.call_and_validate(checks=CHECKS)  # type: ignore[attr-defined]

        run()
    assert n_ops >= 15
    assert time.perf_counter() - t0 < 120  # bounded (about 30 s on 2 shared cores)
