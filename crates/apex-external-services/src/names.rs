//! The platform's translation of OpenAPI names into Apex identifiers (external-services.md
//! §2.7): `_` becomes `x5f`, `-` becomes `x2d`, any other character an identifier cannot hold
//! becomes `x` and its code in hex, and a reserved word or a name starting with a digit gets
//! the prefix `z0`. The wire keeps the original names.

/// The words Apex reserves (apex-language.md §2.4), plus `user`, which the platform also
/// prefixes (`User` becomes `z0User`, seen on a live org).
const RESERVED: &[&str] = &[
    "abstract",
    "activate",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "autonomous",
    "begin",
    "bigdecimal",
    "blob",
    "boolean",
    "break",
    "bulk",
    "by",
    "byte",
    "case",
    "cast",
    "catch",
    "char",
    "class",
    "collect",
    "commit",
    "const",
    "continue",
    "currency",
    "date",
    "datetime",
    "decimal",
    "default",
    "delete",
    "desc",
    "do",
    "double",
    "else",
    "end",
    "enum",
    "exception",
    "exit",
    "export",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "from",
    "global",
    "goto",
    "group",
    "having",
    "hint",
    "if",
    "implements",
    "import",
    "in",
    "inner",
    "insert",
    "instanceof",
    "int",
    "integer",
    "interface",
    "into",
    "join",
    "like",
    "limit",
    "list",
    "long",
    "loop",
    "map",
    "merge",
    "new",
    "not",
    "null",
    "nulls",
    "number",
    "object",
    "of",
    "on",
    "or",
    "outer",
    "override",
    "package",
    "parallel",
    "pragma",
    "private",
    "protected",
    "public",
    "retrieve",
    "return",
    "rollback",
    "select",
    "set",
    "short",
    "sobject",
    "sort",
    "static",
    "string",
    "super",
    "switch",
    "synchronized",
    "system",
    "testmethod",
    "then",
    "this",
    "throw",
    "time",
    "transaction",
    "trigger",
    "true",
    "try",
    "undelete",
    "update",
    "upsert",
    "user",
    "using",
    "virtual",
    "void",
    "webservice",
    "when",
    "where",
    "while",
];

/// The Apex spelling of an OpenAPI name.
pub fn apex_name(original: &str) -> String {
    let mut out = String::with_capacity(original.len());
    for c in original.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => out.push(c),
            other => out.push_str(&format!("x{:x}", other as u32)),
        }
    }
    let starts_with_digit = out.starts_with(|c: char| c.is_ascii_digit());
    if starts_with_digit || RESERVED.contains(&out.to_ascii_lowercase().as_str()) {
        out.insert_str(0, "z0");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::apex_name;

    #[test]
    fn translates_as_the_platform_does() {
        assert_eq!(apex_name("account_type"), "accountx5ftype");
        assert_eq!(apex_name("account-status"), "accountx2dstatus");
        assert_eq!(apex_name("X-Trace-Id"), "Xx2dTracex2dId");
        assert_eq!(apex_name("get_geolocate"), "getx5fgeolocate");
        assert_eq!(apex_name("User"), "z0User");
        assert_eq!(apex_name("currency"), "z0currency");
        assert_eq!(apex_name("3ds"), "z03ds");
        assert_eq!(apex_name("a.b"), "ax2eb");
        assert_eq!(apex_name("plain"), "plain");
    }
}
