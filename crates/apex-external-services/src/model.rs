//! What a registration generates, as descriptors the interpreter turns into classes: the
//! service with one method per active operation, each operation's parameters and outcomes,
//! and the object types of the schema (external-services.md §2).

/// The Apex type of a schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    Integer,
    Long,
    Double,
    String,
    Blob,
    Date,
    Datetime,
    Boolean,
    /// Any type: a schema with no type, or a `oneOf`/`anyOf` of primitives.
    Object,
    List(Box<TypeRef>),
    /// An object with only `additionalProperties`: `Map<String, T>`.
    Map(Box<TypeRef>),
    /// A generated object type, by its name in the `ExternalService` namespace
    /// (`WeatherLite_Forecast`).
    Class(String),
}

/// A field of a generated type: its Apex name and the name on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub apex_name: String,
    pub wire_name: String,
    pub ty: TypeRef,
}

/// A generated object type (`ExternalService.WeatherLite_Forecast`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectType {
    pub name: String,
    pub fields: Vec<Field>,
}

/// Where a parameter goes in the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    /// The request body (`body` in OpenAPI 3, the `in: body` parameter in 2.0).
    Body,
    /// One field of a `application/x-www-form-urlencoded` body.
    Form,
}

/// One input of an operation: a field of its `_Request` class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    pub field: Field,
    pub location: Location,
    pub required: bool,
}

/// A declared response: its status (`None` for `default`) and the type of its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: Option<u16>,
    pub ty: Option<TypeRef>,
}

impl Response {
    /// The field that holds this response's body: `Code200`, or `defaultResponse`.
    pub fn field_name(&self) -> String {
        match self.status {
            Some(code) => format!("Code{code}"),
            None => "defaultResponse".into(),
        }
    }
}

/// One active operation: a method of the service class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The method's name (`getForecast`, `getx5fgeolocate`).
    pub apex_name: String,
    /// GET, PUT, POST, PATCH or DELETE.
    pub method: String,
    /// The path as the schema writes it, with `{name}` placeholders.
    pub path: String,
    pub params: Vec<Param>,
    /// The declared media type of the body, when there is one.
    pub body_media_type: Option<String>,
    pub responses: Vec<Response>,
}

impl Operation {
    /// `getForecast_Request`, or `None` when the operation takes no input.
    pub fn request_class(&self) -> Option<String> {
        (!self.params.is_empty()).then(|| format!("{}_Request", self.apex_name))
    }

    pub fn response_class(&self) -> String {
        format!("{}_Response", self.apex_name)
    }

    pub fn exception_class(&self) -> String {
        format!("{}_ResponseException", self.apex_name)
    }

    /// The responses that `op_Response` holds (status below 300) or the exception does.
    pub fn responses_below_300(&self, below: bool) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(move |r| r.status.is_some_and(|s| s < 300) == below && r.status.is_some())
    }

    /// The `default` response, when the schema declares one.
    pub fn default_response(&self) -> Option<&Response> {
        self.responses.iter().find(|r| r.status.is_none())
    }
}

/// One registration's Apex surface: `ExternalService.<name>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub name: String,
    /// The Named Credential every call goes through.
    pub named_credential: String,
    /// The path the schema puts before every operation path (`basePath`, or the path of the
    /// first server URL), without a trailing slash.
    pub base_path: String,
    pub operations: Vec<Operation>,
    pub types: Vec<ObjectType>,
    /// The metadata file, as shown in messages.
    pub file: String,
    /// The generator revision (`<systemVersion>`): up to 3 a charset is added to the body's
    /// media type.
    pub system_version: u32,
}

impl Service {
    /// The `Content-Type` of a body of `media`: from systemVersion 4 the media type as the
    /// schema declares it; before, with a charset when it names none (value unconfirmed).
    pub fn content_type(&self, media: &str) -> String {
        if self.system_version <= 3 && !media.to_ascii_lowercase().contains("charset=") {
            return format!("{media};charset=UTF-8");
        }
        media.to_string()
    }
}

impl Service {
    pub fn operation(&self, apex_name: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.apex_name.eq_ignore_ascii_case(apex_name))
    }

    pub fn object_type(&self, name: &str) -> Option<&ObjectType> {
        self.types.iter().find(|t| t.name.eq_ignore_ascii_case(name))
    }
}

#[cfg(test)]
mod tests {
    use super::Service;

    fn service(system_version: u32) -> Service {
        Service {
            name: "S".into(),
            named_credential: "N".into(),
            base_path: String::new(),
            operations: Vec::new(),
            types: Vec::new(),
            file: String::new(),
            system_version,
        }
    }

    #[test]
    fn older_generators_add_a_charset_to_the_body_media_type() {
        assert_eq!(service(3).content_type("application/json"), "application/json;charset=UTF-8");
        assert_eq!(service(3).content_type("text/plain; charset=ISO-8859-1"), "text/plain; charset=ISO-8859-1");
        assert_eq!(service(4).content_type("application/json"), "application/json");
    }
}
