//! Remote Site Settings (callouts.md §5): which absolute URLs Apex may call, matched on scheme,
//! host and port; the path is ignored.

use crate::error::CalloutError;

/// One Remote Site Setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteSite {
    pub name: String,
    pub url: String,
    pub active: bool,
    /// `disableProtocolSecurity`: the entry covers `http` and `https` alike.
    pub disable_protocol_security: bool,
}

impl RemoteSite {
    /// Whether this entry lets Apex call `endpoint`. Hosts match exactly (no subdomains); an
    /// entry without a port covers the default port of the endpoint's scheme.
    pub fn allows(&self, endpoint: &Origin) -> bool {
        let Ok(site) = Origin::parse(&self.url) else {
            return false;
        };
        let scheme_ok = site.scheme == endpoint.scheme || self.disable_protocol_security;
        let site_port = site.explicit_port.unwrap_or_else(|| default_port(&endpoint.scheme));
        self.active && scheme_ok && site.host == endpoint.host && site_port == endpoint.port()
    }
}

/// The scheme, host and port of an absolute http(s) URL, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub scheme: String,
    pub host: String,
    pub explicit_port: Option<u16>,
}

/// Why a text is not an http(s) URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginError {
    /// No `scheme:` at all.
    NoScheme,
    /// A scheme other than http and https, no host, or a bad port.
    Invalid,
}

impl Origin {
    /// Reads `url`'s origin; userinfo (`user@`) is skipped.
    pub fn parse(url: &str) -> Result<Origin, OriginError> {
        let (scheme, rest) = url.split_once("://").ok_or(OriginError::NoScheme)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(OriginError::Invalid);
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, after)| after);
        let (host, port) = split_port(host_port);
        let explicit_port = port.map(|p| p.parse::<u16>().map_err(|_| OriginError::Invalid)).transpose()?;
        if host.is_empty() {
            return Err(OriginError::Invalid);
        }
        Ok(Origin { scheme, host: host.to_ascii_lowercase(), explicit_port })
    }

    /// The port the URL reaches, explicit or the scheme's default.
    pub fn port(&self) -> u16 {
        self.explicit_port.unwrap_or_else(|| default_port(&self.scheme))
    }
}

/// Splits `host:port`, keeping an IPv6 literal (`[::1]:8080`) whole.
fn split_port(host_port: &str) -> (&str, Option<&str>) {
    let after_host = host_port.rfind(']').map_or(0, |at| at + 1);
    match host_port[after_host..].find(':') {
        Some(at) => (&host_port[..after_host + at], Some(&host_port[after_host + at + 1..])),
        None => (host_port, None),
    }
}

fn default_port(scheme: &str) -> u16 {
    if scheme == "http" {
        80
    } else {
        443
    }
}

/// Checks an absolute `endpoint` against the remote sites, giving the entry that allows it.
pub fn check<'a>(sites: &'a [RemoteSite], endpoint: &str) -> Result<&'a RemoteSite, CalloutError> {
    let origin = match Origin::parse(endpoint) {
        Ok(origin) => origin,
        Err(OriginError::NoScheme) if !endpoint.contains(':') => return Err(CalloutError::no_protocol(endpoint)),
        Err(_) => return Err(CalloutError::unauthorized_endpoint(endpoint)),
    };
    sites.iter().find(|site| site.allows(&origin)).ok_or_else(|| CalloutError::unauthorized_endpoint(endpoint))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(url: &str, active: bool, disable_protocol_security: bool) -> RemoteSite {
        RemoteSite { name: "S".into(), url: url.into(), active, disable_protocol_security }
    }

    #[test]
    fn origins_read_scheme_host_and_port() {
        let origin = Origin::parse("HTTPS://user:pw@API.Example.com:8443/x?y").unwrap();
        assert_eq!((origin.scheme.as_str(), origin.host.as_str(), origin.port()), ("https", "api.example.com", 8443));
        assert_eq!(Origin::parse("http://a.example.com").unwrap().port(), 80);
        assert_eq!(Origin::parse("/services/data"), Err(OriginError::NoScheme));
        assert_eq!(Origin::parse("ftp://a.example.com"), Err(OriginError::Invalid));
        assert_eq!(Origin::parse("https://"), Err(OriginError::Invalid));
        assert_eq!(Origin::parse("https://a:99999"), Err(OriginError::Invalid));
        assert_eq!(Origin::parse("https://[::1]:8080/x").unwrap().host, "[::1]");
        assert_eq!(Origin::parse("https://[::1]").unwrap().port(), 443);
    }

    #[test]
    fn sites_match_scheme_host_and_port() {
        let sites = [site("https://api.example.com/ignored/path", true, false)];
        assert!(check(&sites, "https://api.example.com/v1?x=1").is_ok());
        assert!(check(&sites, "https://API.example.com:443").is_ok());
        assert!(check(&sites, "http://api.example.com/v1").is_err());
        assert!(check(&sites, "https://api.example.com:8443/v1").is_err());
        assert!(check(&sites, "https://other.api.example.com/v1").is_err());
    }

    #[test]
    fn protocol_security_off_covers_both_schemes() {
        let sites = [site("https://api.example.com", true, true)];
        assert!(check(&sites, "http://api.example.com/v1").is_ok());
    }

    #[test]
    fn inactive_sites_are_ignored() {
        let sites = [site("https://api.example.com", false, false)];
        let error = check(&sites, "https://api.example.com/v1").unwrap_err();
        assert_eq!(
            error.message,
            "Unauthorized endpoint, please check Setup->Security->Remote site settings. \
             endpoint = https://api.example.com/v1"
        );
    }

    #[test]
    fn a_relative_endpoint_has_no_protocol() {
        assert_eq!(check(&[], "/services/data").unwrap_err().message, "no protocol: /services/data");
        assert!(check(&[], "mailto:x@example.com").unwrap_err().message.starts_with("Unauthorized endpoint"));
    }
}
