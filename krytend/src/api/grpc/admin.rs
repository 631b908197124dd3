//! The audit trail, tokens, and who the caller is.

use kryten_proto::v1 as pb;
use tonic::{Request, Response, Status as RpcStatus};

use super::{caller, control_err, internal, token_admin_err, KrytendApi, Reply};
use crate::{
    auth::{Action, TokenInfo},
    domain::{
        sign_in::{SignIn, SignInError},
        tokens::TokenAdmin,
    },
};

pub(super) fn token_pb(t: &TokenInfo) -> pb::TokenInfo {
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
                origin: a.origin,
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

fn sign_in(api: &KrytendApi) -> SignIn<'_> {
    SignIn {
        codes: &api.shared.sign_ins,
        control: &api.shared.control,
        audit: &api.shared.audit,
        tokens: &api.shared.tokens,
    }
}

pub(super) fn sign_in_err(e: SignInError) -> RpcStatus {
    match e {
        SignInError::Control(e) => control_err(e),
        SignInError::BadRole(_) | SignInError::BadSession => RpcStatus::invalid_argument(e.to_string()),
        SignInError::AboveCaller { .. } => RpcStatus::permission_denied(e.to_string()),
        SignInError::Invalid => RpcStatus::unauthenticated(e.to_string()),
        SignInError::Limited(_) => RpcStatus::resource_exhausted(e.to_string()),
        SignInError::Token(e) => super::token_err(e),
        SignInError::Audit(e) => internal(e),
    }
}

/// The web UI's address: the HTTP listener's, as `http(s)://host:port/`.
pub(super) fn ui_url(api: &KrytendApi) -> String {
    let Some(ws) = api.shared.ws_address.get() else {
        return String::new();
    };
    let http = ws.replacen("wss://", "https://", 1).replacen("ws://", "http://", 1);
    http.strip_suffix("ws").unwrap_or(&http).to_string()
}

pub(super) async fn create_sign_in_link(
    api: &KrytendApi,
    req: Request<pb::CreateSignInLinkRequest>,
) -> Reply<pb::CreateSignInLinkResponse> {
    let who = caller(&req)?;
    let r = req.into_inner();
    let issued = sign_in(api)
        .issue(&who, &r.role, r.session_seconds)
        .await
        .map_err(sign_in_err)?;
    let url = ui_url(api);
    let link = if url.is_empty() {
        String::new()
    } else {
        format!("{url}#/signin/{}", issued.code)
    };
    Ok(Response::new(pb::CreateSignInLinkResponse {
        code: issued.code,
        expires_at_ms: issued.expires_at_ms,
        role: issued.role.as_str().into(),
        url,
        link,
    }))
}

pub(super) async fn reload_config(
    api: &KrytendApi,
    req: Request<pb::ReloadConfigRequest>,
) -> Reply<pb::ReloadConfigResponse> {
    let who = caller(&req)?;
    let s = &api.shared;
    let Some(path) = s.config_path.as_deref() else {
        s.control
            .authorize(&who, Action::ReloadConfig, "", "")
            .await
            .map_err(control_err)?;
        return Err(RpcStatus::failed_precondition(
            "krytend was started without a configuration file (--config): there is nothing to reload",
        ));
    };
    s.control
        .authorize(&who, Action::ReloadConfig, &path.display().to_string(), "")
        .await
        .map_err(control_err)?;
    // A refusal is an answer, not an error: the running configuration stays.
    Ok(Response::new(
        match crate::reload::reload(path, &s.alerts, &s.audit, &who).await {
            Ok(r) => pb::ReloadConfigResponse {
                applied: true,
                message: format!(
                    "{} reloaded: {} rules, {} receivers, {} maintenance windows",
                    path.display(),
                    r.rules,
                    r.receivers,
                    r.maintenance
                ),
                rules: r.rules as u32,
                receivers: r.receivers as u32,
                maintenance: r.maintenance as u32,
                audit_id: r.audit_id,
            },
            Err(e) => pb::ReloadConfigResponse {
                applied: false,
                message: format!("refused, the running configuration stays: {e}"),
                ..Default::default()
            },
        },
    ))
}
