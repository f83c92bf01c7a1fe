"""Knowledge curation over HTTP, behind CHIPWISE_ADMIN_TOKEN (unset: every call is a 401).

`GET /v1/sources` lists one object per source file, `POST /v1/sources` uploads one file
(multipart field `file`), `DELETE /v1/sources/{id}` removes it and its chunks,
`POST /v1/sources/{id}/reingest` ingests it again.
"""

# No `from __future__ import annotations`: FastAPI reads the local `Admin` alias at def time.

import hmac
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from assistant import CurationError, Curator
from ui.http import error_response

MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around the file itself
_ADMIN = HTTPBearer(auto_error=False, description="CHIPWISE_ADMIN_TOKEN (knowledge curation).")
AdminCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_ADMIN)]
KINDS = {404: "not_found", 409: "conflict", 413: "request_too_large", 415: "unsupported_media_type"}


def upload_limit(curator: Curator | None) -> int:
    """The request body limit of `POST /v1/sources`."""
    size = curator.settings.max_upload_bytes if curator else 0
    return size + MULTIPART_OVERHEAD


def add_source_routes(api: FastAPI, curator: Curator | None, admin_token: str | None) -> None:
    """The /v1/sources routes; without both a curator and an admin token they all say 401."""

    def admin(credentials: AdminCredentials) -> Curator:
        if curator is None or admin_token is None:
            raise HTTPException(
                401,
                "knowledge curation is off: start chipwise with CHIPWISE_ADMIN_TOKEN set",
                headers={"WWW-Authenticate": "Bearer"},
            )
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), admin_token.encode()):
            message = "missing admin token" if not given else "invalid admin token"
            raise HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})
        return curator

    Admin = Annotated[Curator, Depends(admin)]

    @api.exception_handler(CurationError)
    async def _curation(_: Request, exc: CurationError) -> JSONResponse:
        return error_response(exc.status, str(exc), KINDS.get(exc.status, "invalid_request_error"))

    @api.get("/v1/sources", summary="The knowledge sources: one object per file (admin).")
    def sources(curator: Admin) -> list[dict[str, Any]]:
        return [record.to_dict() for record in curator.catalog()]

    @api.post(
        "/v1/sources",
        status_code=201,
        summary="Upload one .md, .txt, .html or .pdf file and ingest it (admin).",
    )
    async def upload(curator: Admin, file: UploadFile) -> dict[str, Any]:
        limit = curator.settings.max_upload_bytes
        content = await file.read(limit + 1)  # one byte more tells "too big" without reading all
        record = await run_in_threadpool(curator.upload, file.filename or "", content)
        return record.to_dict()

    @api.delete("/v1/sources/{source_id}", summary="Remove a source and its chunks (admin).")
    def delete(curator: Admin, source_id: str) -> dict[str, Any]:
        return {**curator.delete(source_id).to_dict(), "deleted": True}

    @api.post("/v1/sources/{source_id}/reingest", summary="Ingest a source again (admin).")
    def reingest(curator: Admin, source_id: str) -> dict[str, Any]:
        return curator.reingest(source_id).to_dict()
