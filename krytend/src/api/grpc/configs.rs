//! Service configs: one revision, the list, a diff.

use kryten_proto::v1 as pb;
use tonic::{Request, Response};

use super::{caller, config_err, diff_err, KrytendApi, Reply};
use crate::{
    configs::{diff::ChangeKind, store::Revision},
    domain::configs::{self as domain, DiffBase},
};

fn revision_pb(r: &Revision, with_body: bool, new: bool) -> pb::ConfigRevision {
    pb::ConfigRevision {
        service: r.service.clone(),
        rev: r.rev,
        at_us: r.at_us,
        instance_started_us: r.instance_started_us,
        hash: r.hash.clone(),
        config_json: if with_body { r.config.to_string() } else { String::new() },
        changed_paths: r.changed_paths.clone(),
        trigger: r.trigger.clone(),
        new,
    }
}

pub(super) async fn get(api: &KrytendApi, req: Request<pb::GetConfigRequest>) -> Reply<pb::ConfigRevision> {
    let _who = caller(&req)?;
    let r = req.into_inner();
    let (rev, new) = domain::get(&api.shared.configs, &r.service, r.rev, r.refresh)
        .await
        .map_err(config_err)?;
    Ok(Response::new(revision_pb(&rev, true, new)))
}

pub(super) async fn list(
    api: &KrytendApi,
    req: Request<pb::ListConfigRevisionsRequest>,
) -> Reply<pb::ListConfigRevisionsResponse> {
    let _who = caller(&req)?;
    let r = req.into_inner();
    let revs = domain::list(&api.shared.configs, &r.service)
        .await
        .map_err(config_err)?;
    Ok(Response::new(pb::ListConfigRevisionsResponse {
        revisions: revs.iter().map(|x| revision_pb(x, false, false)).collect(),
    }))
}

pub(super) async fn diff(api: &KrytendApi, req: Request<pb::DiffConfigRequest>) -> Reply<pb::DiffConfigResponse> {
    let _who = caller(&req)?;
    let r = req.into_inner();
    let base = if !r.against.trim().is_empty() {
        DiffBase::Desired(r.against)
    } else if !r.other_service.is_empty() {
        DiffBase::Service(r.other_service)
    } else {
        DiffBase::Revision(r.rev)
    };
    let d = domain::diff_with(&api.shared.configs, &r.service, base, r.refresh)
        .await
        .map_err(diff_err)?;
    Ok(Response::new(pb::DiffConfigResponse {
        changes: d
            .changes
            .iter()
            .map(|c| pb::ConfigChange {
                path: c.path.clone(),
                kind: match c.kind {
                    ChangeKind::Added => "added",
                    ChangeKind::Removed => "removed",
                    ChangeKind::Changed => "changed",
                }
                .into(),
                old_json: c.old.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                new_json: c.new.as_ref().map(|v| v.to_string()).unwrap_or_default(),
            })
            .collect(),
        old_json: d.old.to_string(),
        new_json: d.new.to_string(),
        old_label: d.old_label,
        new_label: d.new_label,
    }))
}
