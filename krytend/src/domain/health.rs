//! The health gate: a Nagios-style verdict over the fleet.

use crate::registry::{ServiceState, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Ok,
    Warning,
    Unknown,
    Critical,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Warning => "warning",
            Verdict::Unknown => "unknown",
            Verdict::Critical => "critical",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ServiceVerdict {
    pub name: String,
    pub status: Status,
    pub verdict: Verdict,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct HealthReport {
    pub verdict: Verdict,
    pub summary: String,
    pub services: Vec<ServiceVerdict>,
    pub missing: Vec<String>,
}

/// `require`: services that must exist and be up. `fail_on`: statuses that
/// are critical rather than a warning.
pub fn evaluate<'a>(
    services: impl Iterator<Item = &'a ServiceState>,
    bus_connected: bool,
    require: &[String],
    fail_on: &[Status],
) -> HealthReport {
    let mut verdicts = Vec::new();
    for s in services {
        let required = require.contains(&s.name);
        let (verdict, reason) = match s.status {
            Status::Healthy => (Verdict::Ok, String::new()),
            Status::Starting => (Verdict::Ok, "starting".to_string()),
            Status::Degraded | Status::Restarting => (Verdict::Warning, s.status_cause.clone()),
            Status::Failing | Status::Down => (Verdict::Critical, s.status_cause.clone()),
            Status::Stopped if required => (Verdict::Critical, format!("required, but {}", s.status_cause)),
            Status::Stopped => (Verdict::Ok, s.status_cause.clone()),
        };
        let verdict = if fail_on.contains(&s.status) && s.status != Status::Healthy {
            Verdict::Critical
        } else {
            verdict
        };
        verdicts.push(ServiceVerdict {
            name: s.name.clone(),
            status: s.status,
            verdict,
            reason,
        });
    }
    let missing: Vec<String> = require
        .iter()
        .filter(|r| !verdicts.iter().any(|v| &v.name == *r))
        .cloned()
        .collect();
    let mut verdict = verdicts.iter().map(|v| v.verdict).max().unwrap_or(Verdict::Ok);
    if !missing.is_empty() || !bus_connected {
        verdict = Verdict::Critical;
    }
    if verdicts.is_empty() && missing.is_empty() && bus_connected {
        verdict = Verdict::Unknown;
    }
    let count = |st: Status| verdicts.iter().filter(|v| v.status == st).count();
    let mut parts = vec![format!("{} services", verdicts.len())];
    for st in Status::ALL {
        let n = count(st);
        if n > 0 {
            parts.push(format!("{n} {st}"));
        }
    }
    let mut summary = parts.join(", ");
    let bad: Vec<String> = verdicts
        .iter()
        .filter(|v| v.verdict >= Verdict::Warning)
        .map(|v| format!("{} {}", v.name, v.status))
        .collect();
    if !bad.is_empty() {
        summary.push_str(&format!("; {}", bad.join(", ")));
    }
    if !missing.is_empty() {
        summary.push_str(&format!("; missing: {}", missing.join(", ")));
    }
    if !bus_connected {
        summary.push_str("; krytend is not connected to NATS");
    }
    if verdicts.is_empty() && missing.is_empty() {
        summary = "no services known".into();
        if !bus_connected {
            summary.push_str("; krytend is not connected to NATS");
        }
    }
    HealthReport {
        verdict,
        summary,
        services: verdicts,
        missing,
    }
}

/// Adds the firing alerts to a report: always counted in the summary; with
/// `fail_on_alerts`, a critical alert makes the verdict critical and any
/// other a warning.
pub fn with_alerts(mut report: HealthReport, firing: u32, critical: u32, fail_on_alerts: bool) -> HealthReport {
    if firing > 0 {
        report
            .summary
            .push_str(&format!("; {firing} alerts firing ({critical} critical)"));
    }
    if fail_on_alerts && firing > 0 {
        let v = if critical > 0 {
            Verdict::Critical
        } else {
            Verdict::Warning
        };
        // Unknown (no services) stays below a firing critical alert only.
        report.verdict = report.verdict.max(v);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firing_alerts_are_counted_and_decide_only_when_asked() {
        let base = || HealthReport {
            verdict: Verdict::Ok,
            summary: "2 services".into(),
            services: Vec::new(),
            missing: Vec::new(),
        };
        let r = with_alerts(base(), 2, 1, false);
        assert_eq!(r.verdict, Verdict::Ok);
        assert!(r.summary.ends_with("2 alerts firing (1 critical)"), "{}", r.summary);
        assert_eq!(with_alerts(base(), 2, 1, true).verdict, Verdict::Critical);
        assert_eq!(with_alerts(base(), 1, 0, true).verdict, Verdict::Warning);
        assert_eq!(with_alerts(base(), 0, 0, true).verdict, Verdict::Ok);
    }

    fn svc(name: &str, status: Status) -> ServiceState {
        let mut s = ServiceState::new(name, 0);
        s.status = status;
        s
    }

    #[test]
    fn verdicts_follow_the_worst_service() {
        let all = [svc("a", Status::Healthy), svc("b", Status::Degraded)];
        assert_eq!(evaluate(all.iter(), true, &[], &[]).verdict, Verdict::Warning);
        assert_eq!(
            evaluate(all.iter(), true, &[], &[Status::Degraded]).verdict,
            Verdict::Critical
        );
        let all = [svc("a", Status::Healthy), svc("b", Status::Down)];
        assert_eq!(evaluate(all.iter(), true, &[], &[]).verdict, Verdict::Critical);
    }

    #[test]
    fn required_services_must_exist_and_be_up() {
        let all = [svc("a", Status::Healthy), svc("b", Status::Stopped)];
        assert_eq!(evaluate(all.iter(), true, &[], &[]).verdict, Verdict::Ok);
        assert_eq!(
            evaluate(all.iter(), true, &["b".into()], &[]).verdict,
            Verdict::Critical
        );
        let r = evaluate(all.iter(), true, &["zeta".into()], &[]);
        assert_eq!(
            (r.verdict, r.missing.clone()),
            (Verdict::Critical, vec!["zeta".to_string()])
        );
        assert!(r.summary.contains("missing: zeta"), "{}", r.summary);
    }

    #[test]
    fn no_services_is_unknown_and_no_bus_is_critical() {
        assert_eq!(evaluate([].iter(), true, &[], &[]).verdict, Verdict::Unknown);
        let all = [svc("a", Status::Healthy)];
        assert_eq!(evaluate(all.iter(), false, &[], &[]).verdict, Verdict::Critical);
    }
}
