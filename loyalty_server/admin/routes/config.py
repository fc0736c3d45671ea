"""Merchants, merchant groups and series."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from loyalty_server.admin.routes.deps import RunnerDep
from loyalty_server.admin.schemas import (
    MemberRequest,
    MerchantGroupRequest,
    MerchantRequest,
    SeriesChange,
    SeriesRequest,
)
from loyalty_server.admin.services import merchants, series
from loyalty_server.deps import json_response

router = APIRouter(tags=["admin: configuration"])
GroupCode = Annotated[str, Path(max_length=32)]
SeriesNumber = Annotated[str, Path(max_length=32)]


@router.get("/merchants", operation_id="admin_list_merchants")
def list_merchants(r: RunnerDep) -> Response:
    return json_response(r.read(merchants.list_merchants))


@router.post("/merchants", operation_id="admin_add_merchant")
def add_merchant(body: MerchantRequest, r: RunnerDep) -> Response:
    return json_response(
        r.write(lambda c: merchants.add_merchant(c, body.store, body.name, body.currency)), 201
    )


@router.get("/merchantGroups", operation_id="admin_list_merchant_groups")
def list_groups(r: RunnerDep) -> Response:
    return json_response(r.read(merchants.list_merchant_groups))


@router.post("/merchantGroups", operation_id="admin_add_merchant_group")
def add_group(body: MerchantGroupRequest, r: RunnerDep) -> Response:
    return json_response(r.write(lambda c: merchants.add_merchant_group(c, body.code, body.name)), 201)


@router.post("/merchantGroups/{code}/members", operation_id="admin_join_merchant_group")
def join(code: GroupCode, body: MemberRequest, r: RunnerDep) -> Response:
    return json_response(r.write(lambda c: merchants.join_merchant_group(c, code, body.merchantId)))


@router.delete("/merchantGroups/{code}/members/{merchantId}", operation_id="admin_leave_merchant_group")
def leave(code: GroupCode, merchantId: Annotated[str, Path(max_length=64)], r: RunnerDep) -> Response:  # noqa: N803
    return json_response(r.write(lambda c: merchants.leave_merchant_group(c, code, merchantId)))


@router.get("/series", operation_id="admin_list_series")
def list_series(r: RunnerDep) -> Response:
    return json_response(r.read(series.list_series))


@router.post("/series", operation_id="admin_add_series")
def add_series(body: SeriesRequest, r: RunnerDep) -> Response:
    wire = body.model_dump(mode="json", exclude_none=True)
    return json_response(r.write(lambda c: series.create_series(c, wire)), 201)


@router.patch("/series/{seriesNumber}", operation_id="admin_change_series")
def change_series(seriesNumber: SeriesNumber, body: SeriesChange, r: RunnerDep) -> Response:  # noqa: N803
    changes = body.model_dump(mode="json", exclude_unset=True)
    return json_response(r.write(lambda c: series.change_series(c, seriesNumber, changes)))
