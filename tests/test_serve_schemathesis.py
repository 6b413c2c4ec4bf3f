"""Property-based API check: schemathesis generates requests from the OpenAPI
spec and calls the ASGI app in-process. No 500s; every response matches the
documented status codes, content types and schemas."""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance, not_a_server_error, response_schema_conformance, status_code_conformance,
)

from sitroom.report.synthetic import populate_synthetic  # noqa: E402
from sitroom.serve import ServeSettings, create_app  # noqa: E402
from sitroom.store import open_store  # noqa: E402

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    path = tmp_path_factory.mktemp("schemathesis") / "synthetic.duckdb"
    with open_store(str(path)) as store:
        populate_synthetic(store, hostile=True)
    # A token is configured so POST /ingest is exercised past the auth check (wrong tokens -> 401).
    app = create_app(ServeSettings(db=str(path), token="schemathesis-token"))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.access.close()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_api_conforms_to_its_schema(case):
    case.call_and_validate(checks=CHECKS)
