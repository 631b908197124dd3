//! The audit trail, tokens, and who the caller is.

use kryten_proto::v1 as pb;
use tonic::{Request, Response};

use super::{caller, control_err, internal, token_admin_err, KrytendApi, Reply};
use crate::{
    auth::{Action, TokenInfo},
    domain::tokens::TokenAdmin,
};

fn token_pb(t: &TokenInfo) -> pb::TokenInfo {
    pb::TokenInfo {
        name: t.name.clone(),
        role: t.role.as_str().into(),
        created_us: t.created_us,
        last_used_us: t.last_used_us,
        expires_us: t.expires_us,
        revoked_us: t.revoked_us,
    }
}

fn admin(api: &KrytendApi) -> TokenAdmin<'_> {
    TokenAdmin {
        control: &api.shared.control,
        audit: &api.shared.audit,
        tokens: &api.shared.tokens,
    }
}

pub(super) async fn list_audit(api: &KrytendApi, req: Request<pb::ListAuditRequest>) -> Reply<pb::ListAuditResponse> {
    let who = caller(&req)?;
    api.shared
        .control
        .authorize(&who, Action::Read, "", "")
        .await
        .map_err(control_err)?;
    let r = req.into_inner();
    let records = api
        .shared
        .audit
        .list(r.since_us, r.service, r.actor, r.limit)
        .await
        .map_err(internal)?;
    Ok(Response::new(pb::ListAuditResponse {
        records: records
            .into_iter()
            .map(|a| pb::AuditRecord {
                id: a.id,
                at_us: a.at_us,
                actor: a.actor,
                role: a.role,
                action: a.action,
                target: a.target,
                reason: a.reason,
                outcome: a.outcome,
                detail: a.detail,
                duration_ms: a.duration_ms,
            })
            .collect(),
    }))
}

pub(super) async fn create_token(
    api: &KrytendApi,
    req: Request<pb::CreateTokenRequest>,
) -> Reply<pb::CreateTokenResponse> {
    let who = caller(&req)?;
    let r = req.into_inner();
    let (info, token) = admin(api)
        .create(&who, &r.name, &r.role, r.expires_in_seconds)
        .await
        .map_err(token_admin_err)?;
    Ok(Response::new(pb::CreateTokenResponse {
        info: Some(token_pb(&info)),
        token,
    }))
}

pub(super) async fn list_tokens(
    api: &KrytendApi,
    req: Request<pb::ListTokensRequest>,
) -> Reply<pb::ListTokensResponse> {
    let who = caller(&req)?;
    let tokens = admin(api).list(&who).await.map_err(token_admin_err)?;
    Ok(Response::new(pb::ListTokensResponse {
        tokens: tokens.iter().map(token_pb).collect(),
    }))
}

pub(super) async fn revoke_token(
    api: &KrytendApi,
    req: Request<pb::RevokeTokenRequest>,
) -> Reply<pb::RevokeTokenResponse> {
    let who = caller(&req)?;
    let r = req.into_inner();
    let info = admin(api).revoke(&who, &r.name).await.map_err(token_admin_err)?;
    Ok(Response::new(pb::RevokeTokenResponse {
        info: Some(token_pb(&info)),
    }))
}

pub(super) async fn who_am_i(_api: &KrytendApi, req: Request<pb::WhoAmIRequest>) -> Reply<pb::WhoAmIResponse> {
    let who = caller(&req)?;
    Ok(Response::new(pb::WhoAmIResponse {
        name: who.name,
        role: who.role.as_str().into(),
    }))
}
