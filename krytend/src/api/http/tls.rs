//! TLS for the HTTP listener (`websocket.tls_cert` / `tls_key`): the same
//! PEM files and errors as the gRPC listener's, HTTP/1.1 only.

use std::{path::Path, sync::Arc};

use tokio_rustls::{
    rustls::{
        self,
        pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer},
    },
    TlsAcceptor,
};

use crate::api::ApiError;

pub(super) fn acceptor(cert: &Path, key: &Path) -> Result<TlsAcceptor, ApiError> {
    let read = |what, path: &Path| {
        std::fs::read(path).map_err(|source| ApiError::Tls {
            what,
            path: path.to_path_buf(),
            source,
        })
    };
    let cert_pem = read("certificate", cert)?;
    let key_pem = read("key", key)?;
    let chain = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::TlsConfig(format!("{}: {e}", cert.display())))?;
    if chain.is_empty() {
        return Err(ApiError::TlsConfig(format!("{}: no certificate in it", cert.display())));
    }
    let key_der =
        PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| ApiError::TlsConfig(format!("{}: {e}", key.display())))?;
    // The provider is named so that no process-wide default is needed.
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| ApiError::TlsConfig(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key_der)
        .map_err(|e| ApiError::TlsConfig(e.to_string()))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}
