//! SOAP partner `login` and `logout` at `/services/Soap/u/<version>`, as simple-salesforce
//! and jsforce use them for username and password: elements matched by local name whatever
//! their prefixes, results unprefixed, faults with `sf:` details and a `faultstring`.

use crate::http::{Request, Response};
use crate::oauth::users;
use crate::sessions::Grant;
use crate::Org;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::Reader;

/// What a SOAP body asks for.
enum Operation {
    Login { username: String, password: String },
    Logout { session: String },
}

pub(crate) fn handle(org: &mut Org, version: &str, request: &Request, now_ms: i64) -> Response {
    if request.method != "POST" {
        return fault(405, "INVALID_OPERATION", "SOAP calls are POST requests");
    }
    if org.config.version(&format!("v{version}")).is_none() {
        return fault(404, "UNSUPPORTED_API_VERSION", &format!("Invalid Api version specified on URL: {version}"));
    }
    match parse(&request.body) {
        Some(Operation::Login { username, password }) => login(org, version, &username, &password, now_ms),
        Some(Operation::Logout { session }) => {
            org.sessions.revoke(&session);
            envelope("<logoutResponse/>")
        }
        None => fault(500, "INVALID_OPERATION", "the body holds neither login nor logout"),
    }
}

fn login(org: &mut Org, version: &str, username: &str, password: &str, now_ms: i64) -> Response {
    let invalid = || fault(500, "INVALID_LOGIN", "Invalid username, password, security token; or user locked out.");
    if !org.config.password_matches(username, password) {
        return invalid();
    }
    let Some(user) = users::by_username(&mut org.store, username) else {
        return invalid();
    };
    let Some(user_id) = users::id_of(&user) else {
        return invalid();
    };
    let grant = Grant { user_id: user_id.clone(), client_id: "SOAP".into(), scope: "api web".into() };
    let lifetime = org.config.token_lifetime_secs;
    let session = org.sessions.issue(&org.org_id, &grant, None, now_ms, (lifetime as i64).saturating_mul(1000));
    let instance = &org.config.instance_url;
    let org15 = org.org_id.short().to_string();
    let text = |field: &str| escape(&users::text(&user, field));
    let result = format!(
        "<loginResponse><result>\
         <metadataServerUrl>{instance}/services/Soap/m/{version}/{org15}</metadataServerUrl>\
         <passwordExpired>false</passwordExpired><sandbox>false</sandbox>\
         <serverUrl>{instance}/services/Soap/u/{version}/{org15}</serverUrl>\
         <sessionId>{session}</sessionId><userId>{user_id}</userId>\
         <userInfo><organizationId>{org}</organizationId><organizationName>Apex Local</organizationName>\
         <sessionSecondsValid>{lifetime}</sessionSecondsValid><userEmail>{email}</userEmail>\
         <userFullName>{name}</userFullName><userId>{user_id}</userId><userName>{login}</userName>\
         <userTimeZone>{zone}</userTimeZone><userType>Standard</userType></userInfo>\
         </result></loginResponse>",
        org = org.org_id,
        email = text("Email"),
        name = text("Name"),
        login = text("Username"),
        zone = text("TimeZoneSidKey"),
    );
    envelope(&result)
}

/// Finds the operation by local names: `login` with `username` and `password`, or `logout`
/// with the `sessionId` of the header.
fn parse(body: &[u8]) -> Option<Operation> {
    let mut reader = Reader::from_reader(body);
    let mut path: Vec<String> = Vec::new();
    let (mut operation, mut username, mut password, mut session) = (None, String::new(), String::new(), String::new());
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(e) => path.push(local(e.name().as_ref())),
            Event::Empty(e) => {
                let name = local(e.name().as_ref());
                if matches!(name.as_str(), "login" | "logout") && path.last().map(String::as_str) == Some("Body") {
                    operation = Some(name);
                }
            }
            Event::End(_) => {
                if let Some(name) = path.pop() {
                    if matches!(name.as_str(), "login" | "logout") && path.last().map(String::as_str) == Some("Body") {
                        operation = Some(name);
                    }
                }
            }
            Event::Text(t) => {
                let value = t.xml10_content().ok()?.into_owned();
                push_text(&path, &value, [&mut username, &mut password, &mut session]);
            }
            Event::GeneralRef(r) => {
                let value = match r.resolve_char_ref().ok()? {
                    Some(c) => c.to_string(),
                    None => resolve_predefined_entity(&r.decode().ok()?)?.to_string(),
                };
                push_text(&path, &value, [&mut username, &mut password, &mut session]);
            }
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    match operation?.as_str() {
        "login" => Some(Operation::Login { username: username.trim().into(), password }),
        _ => Some(Operation::Logout { session: session.trim().into() }),
    }
}

/// Adds text to the username, password or session Id, by the element it is in.
fn push_text(path: &[String], text: &str, [username, password, session]: [&mut String; 3]) {
    match path.last().map(String::as_str) {
        Some("username") => username.push_str(text),
        Some("password") => password.push_str(text),
        Some("sessionId") => session.push_str(text),
        _ => {}
    }
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    name.rsplit(':').next().unwrap_or_default().to_string()
}

fn envelope(body: &str) -> Response {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>"
    );
    xml_response(200, xml)
}

/// A SOAP fault: `faultstring` for jsforce, `sf:exceptionCode`/`sf:exceptionMessage` for
/// simple-salesforce.
fn fault(status: u16, code: &str, message: &str) -> Response {
    let message = escape(message);
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:sf=\"urn:fault.partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body><soapenv:Fault><faultcode>{code}</faultcode><faultstring>{code}: {message}</faultstring><detail><sf:LoginFault xsi:type=\"sf:LoginFault\"><sf:exceptionCode>{code}</sf:exceptionCode><sf:exceptionMessage>{message}</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>"
    );
    xml_response(status, xml)
}

fn xml_response(status: u16, xml: String) -> Response {
    Response {
        status,
        headers: vec![("Content-Type".into(), "text/xml; charset=utf-8".into())],
        body: xml.into_bytes(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_found_by_local_name_whatever_the_prefixes() {
        let prefixed = br#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><p:login xmlns:p="urn:partner.soap.sforce.com"><p:username>ada@x.io</p:username><p:password>s3&amp;cret</p:password></p:login></e:Body></e:Envelope>"#;
        let Some(Operation::Login { username, password }) = parse(prefixed) else { panic!("no login") };
        assert_eq!((username.as_str(), password.as_str()), ("ada@x.io", "s3&cret"));
        let logout = br#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><SessionHeader xmlns="urn:partner.soap.sforce.com"><sessionId>abc</sessionId></SessionHeader></soapenv:Header><soapenv:Body><logout xmlns="urn:partner.soap.sforce.com"/></soapenv:Body></soapenv:Envelope>"#;
        let Some(Operation::Logout { session }) = parse(logout) else { panic!("no logout") };
        assert_eq!(session, "abc");
        assert!(parse(b"<not-soap").is_none());
    }
}
