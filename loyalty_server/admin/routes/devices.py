"""Organisations, sites, stores, POS: adding them, pairing codes and revocation."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Response

from loyalty_server.admin.routes.deps import RunnerDep
from loyalty_server.admin.schemas import OrganisationRequest, PosRequest, SiteRequest, StoreRequest
from loyalty_server.admin.services import devices
from loyalty_server.deps import json_response

router = APIRouter(tags=["admin: devices"])
Store = Annotated[int, Path(ge=1, le=99999)]
Pos = Annotated[int, Path(ge=1, le=999)]


@router.post("/organisations", operation_id="admin_add_organisation")
def add_organisation(body: OrganisationRequest, r: RunnerDep) -> Response:
    return json_response(r.write(lambda c: devices.add_organisation(c, body.code, body.name)), 201)


@router.post("/sites", operation_id="admin_add_site")
def add_site(body: SiteRequest, r: RunnerDep) -> Response:
    result = r.write(lambda c: devices.add_site(c, body.code, body.organisation, body.name, body.address))
    return json_response(result, 201)


@router.get("/stores", operation_id="admin_list_stores")
def list_stores(r: RunnerDep) -> Response:
    return json_response(r.read(devices.list_stores))


@router.post("/stores", operation_id="admin_add_store")
def add_store(body: StoreRequest, r: RunnerDep) -> Response:
    result = r.write(lambda c: devices.add_store(c, body.store, body.name, body.address, body.site))
    return json_response(result, 201)


@router.post("/stores/{store}/pos", operation_id="admin_add_pos")
def add_pos(store: Store, body: PosRequest, r: RunnerDep) -> Response:
    return json_response(r.write(lambda c: devices.add_pos(c, store, body.pos)), 201)


@router.post("/stores/{store}/pos/{pos}/pairingCodes", operation_id="admin_pairing_code")
def pairing_code(store: Store, pos: Pos, r: RunnerDep) -> Response:
    ttl = timedelta(seconds=r.state.settings.pairing_ttl_seconds)
    return json_response(r.write(lambda c: devices.pairing_code(c, store, pos, ttl)), 201)


@router.post("/stores/{store}/pos/{pos}/_revoke", operation_id="admin_revoke_pos")
def revoke(store: Store, pos: Pos, r: RunnerDep) -> Response:
    return json_response(r.write(lambda c: devices.revoke_pos(c, store, pos)))
