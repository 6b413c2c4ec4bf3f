"""The HTTP API (FastAPI) and the dashboard's static files.

Read-only except POST /ingest, which needs the bearer token from config.
The store is opened per request under one lock: DuckDB connections are not
thread-safe, and a short-lived connection lets other processes (a CLI ingest)
use the database between requests.
"""
from __future__ import annotations

import math
import secrets
import threading
from contextlib import asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Iterator, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles

from sitroom import __version__
from sitroom.errors import SitroomError
from sitroom.report.query import (
    CursorError, EventFilter, framing_rows, get_article, get_event, list_events, list_stories, weekly_counts,
)
from sitroom.serve.config import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ServeSettings, load_settings
from sitroom.serve.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from sitroom.serve.models import (
    ArticleOut, ErrorOut, EventDetail, EventPage, FramingTable, IngestRequest, IngestResult, StoryList,
    TimeSeries,
)
from sitroom.store import Store, open_store, resolve_db

STATIC_DIR = Path(str(resources.files("sitroom.serve").joinpath("static")))
DATE_PATTERN = r"^(18|19|20|21)\d{2}-[01]\d-[0-3]\d$"  # the years reports can do arithmetic on
TEXT = 200  # longest accepted filter value
ERRORS_400 = {400: {"model": ErrorOut, "description": "Invalid parameter"}}
ERRORS_404 = {404: {"model": ErrorOut, "description": "Not found"}}
REPORT_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


class StoreAccess:
    """One lock around every use of the database.

    Reads share one read-only connection while requests keep coming (opening
    DuckDB costs ~30 ms); it is closed after IDLE_SECONDS without requests, so
    other processes (a CLI ingest) can take the file between bursts."""

    IDLE_SECONDS = 2.0

    def __init__(self, db: str):
        self.db = db
        self.lock = threading.RLock()
        self.is_duckdb = not db.startswith(("postgresql://", "postgres://"))
        self._reader: Store | None = None
        self._timer: threading.Timer | None = None
        with self.lock:
            open_store(db).close()  # create and migrate once, read-only afterwards

    def _close_reader(self) -> None:
        with self.lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    def _schedule_close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(self.IDLE_SECONDS, self._close_reader)
        self._timer.daemon = True
        self._timer.start()

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self.lock:
            if self._reader is None:
                self._reader = open_store(self.db, read_only=self.is_duckdb)
            try:
                yield self._reader
            except Exception:
                self._close_reader()  # a failed statement may leave the connection unusable
                raise
            finally:
                self._schedule_close()

    @contextmanager
    def write(self) -> Iterator[Store]:
        with self.lock:
            self._close_reader()  # DuckDB: one configuration per file per process
            store = open_store(self.db)
            try:
                yield store
            finally:
                store.close()

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._close_reader()


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise HTTPException(400, "bbox must be min_lon,min_lat,max_lon,max_lat")
    return parts  # type: ignore[return-value]


def event_filter(
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN, description="First day, YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN, description="Last day, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(max_length=TEXT, description="Country name or ISO3")] = None,
    admin1: Annotated[str | None, Query(max_length=TEXT)] = None,
    event_type: Annotated[str | None, Query(max_length=TEXT, description="ACLED event type")] = None,
    actor: Annotated[str | None, Query(max_length=TEXT, description="Substring of any actor")] = None,
    bbox: Annotated[str | None, Query(max_length=TEXT, description="min_lon,min_lat,max_lon,max_lat")] = None,
    contested: Annotated[bool | None, Query()] = None,
    q: Annotated[str | None, Query(max_length=TEXT, description="Text search in events and their articles")] = None,
    story: Annotated[str | None, Query(max_length=TEXT, description="Story id")] = None,
) -> EventFilter:
    return EventFilter(
        date_from=date_from, date_to=date_to, country=country or None, admin1=admin1 or None,
        event_type=event_type or None, actor=actor or None, bbox=_bbox(bbox), contested=contested,
        q=q or None, story_id=story or None,
    )


Filters = Annotated[EventFilter, Depends(event_filter)]
_bearer = HTTPBearer(auto_error=False)


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """The ASGI app for `settings` (default: from environment and config file)."""
    settings = settings or load_settings()
    access = StoreAccess(resolve_db(settings.db))

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        access.close()  # release the DuckDB file when the server stops

    # FastAPI's Swagger UI needs a CDN and inline scripts: /docs is our own offline page instead.
    app = FastAPI(
        title="sitroom", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
        description="Conflict events fused from news, with sources, claims and situation reports. "
                    "Read-only, except POST /ingest (bearer token).",
    )
    app.state.settings = settings
    app.state.access = access
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET"])

    @app.exception_handler(SitroomError)
    def _store_error(request: Request, exc: SitroomError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.get("/events", response_model=EventPage, responses=ERRORS_400, tags=["events"])
    def events(
        f: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
        cursor: Annotated[str | None, Query(max_length=1000, description="Opaque cursor from next_cursor")] = None,
    ) -> dict:
        """Fused events, newest first (then by id), filtered, one page at a time."""
        with access.read() as store:
            try:
                items, next_cursor = list_events(store, f, limit=limit, cursor=cursor)
            except CursorError as exc:
                raise HTTPException(400, str(exc)) from exc
        return {"items": items, "next_cursor": next_cursor}

    @app.get("/events/{event_id}", response_model=EventDetail, responses=ERRORS_404, tags=["events"])
    def event(event_id: str) -> dict:
        """One event with its sources (evidence in context), claims and revisions."""
        with access.read() as store:
            found = get_event(store, event_id)
        if found is None:
            raise HTTPException(404, "no such event")
        return found

    @app.get("/articles/{article_id}", response_model=ArticleOut, responses=ERRORS_404, tags=["articles"])
    def article(article_id: str) -> dict:
        with access.read() as store:
            found = get_article(store, article_id)
        if found is None:
            raise HTTPException(404, "no such article")
        return found

    @app.get("/stories", response_model=StoryList, tags=["stories"])
    def stories(limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 200) -> dict:
        with access.read() as store:
            return {"items": list_stories(store, limit)}

    @app.get("/stats/timeseries", response_model=TimeSeries, responses=ERRORS_400, tags=["stats"])
    def timeseries(f: Filters) -> dict:
        """Weekly counts of events and fatalities by event type (weeks start on Monday)."""
        with access.read() as store:
            series = weekly_counts(store, f)
        return {
            "weeks": sorted({r["week"] for r in series}), "types": sorted({r["event_type"] for r in series}),
            "series": series,
        }

    @app.get("/framing", response_model=FramingTable, tags=["stats"])
    def framing(actor: Annotated[str | None, Query(max_length=TEXT)] = None) -> dict:
        """How outlets frame actors (the words they use), else the stances of their claims."""
        with access.read() as store:
            kind, rows = framing_rows(store, actor or None)
        return {"kind": kind, "rows": rows}

    @app.get(
        "/reports", response_class=Response, tags=["reports"],
        responses={200: {"content": {t: {} for t in REPORT_TYPES.values()},
                         "description": "The report in the requested format"}, **ERRORS_400},
    )
    def reports(f: Filters, format: Literal["md", "html", "pdf"] = "html") -> Response:
        """A situation report for the filters (default: the last 4 weeks of data)."""
        from sitroom.report import render_report
        from sitroom.report.build import build_report, draw_figures

        with access.read() as store:
            report = build_report(store, f, with_figures=False)
        # Drawing and rendering need no database: done outside the lock, other requests go on.
        body = render_report(draw_figures(report), format)
        headers = {}
        if format == "html":
            # The report is self-contained: inline styles and data: images, no scripts at all.
            headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return Response(body, media_type=REPORT_TYPES[format], headers=headers)

    @app.post(
        "/ingest", response_model=IngestResult, tags=["write"],
        responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut}},
    )
    def ingest(
        body: IngestRequest,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None,
    ) -> dict:
        """Add articles (text, HTML, JSONL or URLs); needs `Authorization: Bearer <token>`."""
        if not settings.writes_enabled:
            raise HTTPException(403, "writes are disabled: no token configured (SITROOM_TOKEN)")
        given = credentials.credentials if credentials else ""
        if not secrets.compare_digest(given.encode(), str(settings.token).encode()):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
        from sitroom.serve.ingest import ingest_request

        with access.write() as store:
            return ingest_request(store, body, allow_private=settings.allow_private)

    @app.get("/boundaries.geojson", include_in_schema=False)
    def boundaries() -> FileResponse:
        from sitroom.data import data_path

        return FileResponse(data_path("world_110m.geojson"), media_type="application/geo+json")

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> FileResponse:
        return FileResponse(STATIC_DIR / "docs.html", media_type="text/html")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
