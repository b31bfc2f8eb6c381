//! The running user's object and field permissions applied to a query: `WITH USER_MODE` (and
//! `Database.query(..., AccessLevel.USER_MODE)`) checks every object and field the query
//! names, in every clause, and reports what the user cannot see as if it did not exist;
//! `WITH SECURITY_ENFORCED` checks only the SELECT list and FROM, with one message.

use super::{from_object, invalid_field, invalid_type, malformed};
use crate::access::UserAccess;
use crate::schema::{FieldType, ObjectSchema, Schema};
use crate::store::StoreError;
use apex_syntax::ast::{Condition, FieldExpr, Query, QueryValue, SelectItem};

/// How a query is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryMode {
    /// System mode: nothing is checked.
    System,
    User,
    SecurityEnforced,
}

impl QueryMode {
    /// The mode a `WITH` clause names (`USER_MODE`, `SECURITY_ENFORCED`, `SYSTEM_MODE`).
    pub fn of(query: &Query) -> QueryMode {
        match query.with.as_ref().map(|w| &w.node) {
            Some(apex_syntax::ast::WithClause::Mode(name)) => match name.as_str().to_ascii_uppercase().as_str() {
                "USER_MODE" => QueryMode::User,
                "SECURITY_ENFORCED" => QueryMode::SecurityEnforced,
                _ => QueryMode::System,
            },
            _ => QueryMode::System,
        }
    }
}

/// The QueryException message of `WITH SECURITY_ENFORCED` (as widely reported; not found in
/// the official reference).
pub const SECURITY_ENFORCED_MESSAGE: &str = "Insufficient permissions: secure query included inaccessible field";

/// Checks a query in a mode against the user's access.
pub fn check(schema: &Schema, query: &Query, access: &UserAccess, mode: QueryMode) -> Result<(), StoreError> {
    if mode == QueryMode::System || access.is_unrestricted() {
        return Ok(());
    }
    let object = from_object(query)?;
    let base = schema.object(&object).ok_or_else(|| invalid_type(&object))?;
    let checker = Checker { schema, access, user_mode: mode == QueryMode::User };
    checker.query(query, base)
}

struct Checker<'a> {
    schema: &'a Schema,
    access: &'a UserAccess,
    user_mode: bool,
}

impl Checker<'_> {
    fn query(&self, query: &Query, base: &ObjectSchema) -> Result<(), StoreError> {
        if !self.access.object(&base.name).read {
            return Err(self.refused(invalid_type(&base.name)));
        }
        let alias = query.from.node.alias.as_ref().map(|a| a.as_str());
        for item in &query.select {
            match &item.node {
                SelectItem::Field { path, .. } => self.path(base, alias, &names(&path.0))?,
                SelectItem::Function { call, .. } => {
                    for arg in &call.args {
                        if let FieldExpr::Field(path) = &arg.node {
                            let is_fields = call.name.as_str().eq_ignore_ascii_case("fields");
                            if !is_fields {
                                self.path(base, alias, &names(&path.0))?;
                            }
                        }
                    }
                }
                SelectItem::Subquery(subquery) => {
                    let relationship = from_object(subquery)?;
                    let child = base.child(&relationship).and_then(|c| self.schema.object(&c.child));
                    let child = child.ok_or_else(|| invalid_type(&relationship))?;
                    self.query(subquery, child)?;
                }
                SelectItem::TypeOf { .. } => {}
            }
        }
        if !self.user_mode {
            return Ok(());
        }
        if let Some(condition) = &query.filter {
            self.condition(base, alias, &condition.node)?;
        }
        for item in &query.order_by {
            if let FieldExpr::Field(path) = &item.node.field.node {
                self.path(base, alias, &names(&path.0))?;
            }
        }
        Ok(())
    }

    fn condition(&self, base: &ObjectSchema, alias: Option<&str>, condition: &Condition) -> Result<(), StoreError> {
        match condition {
            Condition::And(a, b) | Condition::Or(a, b) => {
                self.condition(base, alias, &a.node)?;
                self.condition(base, alias, &b.node)
            }
            Condition::Not(inner) | Condition::Paren(inner) => self.condition(base, alias, &inner.node),
            Condition::Compare { lhs, rhs, .. } => {
                if let FieldExpr::Field(path) = &lhs.node {
                    self.path(base, alias, &names(&path.0))?;
                }
                if let QueryValue::Subquery(inner) = &rhs.node {
                    let object = from_object(inner)?;
                    let inner_base = self.schema.object(&object).ok_or_else(|| invalid_type(&object))?;
                    self.query(inner, inner_base)?;
                }
                Ok(())
            }
        }
    }

    /// A field path: every relationship on the way must be readable, then the field.
    fn path(&self, base: &ObjectSchema, alias: Option<&str>, names: &[String]) -> Result<(), StoreError> {
        let names = without_prefix(base, alias, names);
        let Some((field, relationships)) = names.split_last() else {
            return Ok(());
        };
        let mut object = base;
        for relationship in relationships {
            let Some(reference) = object.relationship(relationship) else {
                return Ok(());
            };
            let FieldType::Reference { to, .. } = &reference.ty else {
                return Ok(());
            };
            let target = to.first().and_then(|t| self.schema.object(t));
            let Some(target) = target else {
                return Ok(());
            };
            let visible = self.access.field(self.schema, &object.name, &reference.name, false)
                && self.access.object(&target.name).read;
            if !visible {
                return Err(self.refused(unknown_relationship(relationship)));
            }
            object = target;
        }
        let field_name = match object.compound(field) {
            Some(compound) => compound.components.first().map_or(field.as_str(), |(_, f)| f.as_str()),
            None => field.as_str(),
        };
        if self.access.field(self.schema, &object.name, field_name, false) {
            Ok(())
        } else {
            Err(self.refused(invalid_field(field, &object.name)))
        }
    }

    /// What the user is told: in user mode the object or field does not exist for them;
    /// with SECURITY_ENFORCED, one message for any inaccessible object or field.
    fn refused(&self, user_mode_error: StoreError) -> StoreError {
        if self.user_mode {
            user_mode_error
        } else {
            malformed(SECURITY_ENFORCED_MESSAGE)
        }
    }
}

fn names(path: &[apex_syntax::ast::Name]) -> Vec<String> {
    path.iter().map(|n| n.as_str().to_string()).collect()
}

/// Drops a leading alias or object name (`a.Name`, `Account.Name` on Account).
fn without_prefix<'n>(base: &ObjectSchema, alias: Option<&str>, names: &'n [String]) -> &'n [String] {
    match names {
        [first, rest @ ..] if !rest.is_empty() => {
            let is_alias = alias.is_some_and(|a| a.eq_ignore_ascii_case(first));
            let is_object = first.eq_ignore_ascii_case(&base.name) && base.relationship(first).is_none();
            if is_alias || is_object {
                rest
            } else {
                names
            }
        }
        _ => names,
    }
}

/// A relationship the user cannot see, worded as the API words an unknown one (unconfirmed
/// for user mode).
fn unknown_relationship(relationship: &str) -> StoreError {
    StoreError::new(
        "INVALID_FIELD",
        format!("Didn't understand relationship '{relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names."),
        Vec::new(),
    )
}
