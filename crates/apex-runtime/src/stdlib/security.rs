//! Who runs the code and what they may do: `System.runAs(user) { ... }` switches the running
//! user (UserInfo, the audit fields and owner of new records, user-mode checks) for its block;
//! user-mode queries and DML (`WITH USER_MODE`, `AccessLevel.USER_MODE`, `insert as user`)
//! and `WITH SECURITY_ENFORCED` check that user's object and field permissions.
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_enforce_usermode.htm

use super::args::value as arg;
use super::dml::Operation;
use super::{ret, Native, SysEnum};
use crate::eval::{Interp, SysExc, Throw};
use crate::user::RunningUser;
use crate::value::{SObjectObj, Value};
use apex_data::access::UserAccess;
use apex_data::{FieldValue, Id};

/// The users `System.runAs` blocks switched to, innermost last.
#[derive(Debug, Default)]
pub struct SecurityState {
    users: Vec<RunningUser>,
}

impl Interp<'_> {
    /// The running user: the innermost `System.runAs` user, or the host's.
    pub fn user(&self) -> &RunningUser {
        match self.security.users.last() {
            Some(user) => user,
            None => self.host.user(),
        }
    }
}

/// Starts a `System.runAs` block as the given user (a User record with an Id).
pub static RUN_AS_BEGIN: Native = Native::interp("runas", 1, ret::VOID, run_as_begin);
/// Ends the innermost `System.runAs` block.
pub static RUN_AS_END: Native = Native::interp("runas_end", 0, ret::VOID, |i, _| {
    i.security.users.pop();
    Ok(Value::Null)
});

fn run_as_begin(interp: &mut Interp, args: &[Value]) -> Result<Value, Throw> {
    let Value::SObject(given) = arg(args, 0)? else {
        return Err(Throw::null_pointer());
    };
    let id = given.get("Id").and_then(|v| v.as_str().map(str::to_string));
    let Some(id) = id.as_deref().and_then(Id::parse) else {
        return Err(Throw::unsupported("System.runAs with a user that has no Id"));
    };
    let mut user = interp.user().clone();
    let stored = super::dml::store(interp)?.get("User", &id, false).map_err(|e| Throw::unsupported(e.to_string()))?;
    user.user_id = id.to_string();
    let text = |name: &str| match stored.as_ref().and_then(|r| r.get(name)) {
        Some(FieldValue::Text(t)) => Some(t.clone()),
        _ => given.get(name).and_then(|v| v.as_str().map(str::to_string)),
    };
    let fields: [(&str, &mut String); 6] = [
        ("Username", &mut user.user_name),
        ("FirstName", &mut user.first_name),
        ("LastName", &mut user.last_name),
        ("Email", &mut user.email),
        ("ProfileId", &mut user.profile_id),
        ("UserType", &mut user.user_type),
    ];
    for (name, slot) in fields {
        *slot = text(name).unwrap_or_default();
    }
    if user.user_type.is_empty() {
        user.user_type = "Standard".into();
    }
    interp.security.users.push(user);
    Ok(Value::Null)
}

/// The running user's permissions (everything when the store does not know them).
pub fn access(interp: &mut Interp) -> Result<UserAccess, Throw> {
    let Some(id) = Id::parse(&interp.user().user_id) else {
        return Ok(UserAccess::everything());
    };
    super::dml::store(interp)?.user_access(&id).map_err(|e| Throw::unsupported(e.to_string()))
}

/// Whether an argument is `AccessLevel.USER_MODE`.
pub fn is_user_mode(value: &Value) -> bool {
    SysEnum::AccessLevel.constant_of(value) == Some("USER_MODE")
}

/// User-mode DML: the user must have the object permission for the operation (a
/// SecurityException otherwise); inserted and updated fields must be editable (the row's
/// DmlException, as the store words a field nobody may write).
pub fn check_dml(interp: &mut Interp, records: &[std::rc::Rc<SObjectObj>], op: Operation) -> Result<(), Throw> {
    let access = access(interp)?;
    if access.is_unrestricted() {
        return Ok(());
    }
    let schema = &interp.program.schema;
    for (row, record) in records.iter().enumerate() {
        let object = record.object.clone();
        let allowed = access.object(&object);
        let permitted = match op {
            Operation::Insert => allowed.create,
            Operation::Update => allowed.edit,
            Operation::Upsert => allowed.create && allowed.edit,
            Operation::Delete | Operation::Undelete => allowed.delete,
        };
        if !permitted {
            // The wording was seen in the platform's output, not in its reference.
            let verb = op.word().to_ascii_uppercase();
            return Err(Throw::sys(SysExc::Security, format!("DML operation {verb} not allowed on {object}")));
        }
        if matches!(op, Operation::Delete | Operation::Undelete) {
            continue;
        }
        // Platform-set fields a query brought along are not written, so they are not checked.
        let writable = |name: &str| schema.object(&object).and_then(|o| o.field(name)).is_some_and(|f| !f.system);
        let denied: Vec<String> = record
            .fields
            .borrow()
            .values()
            .map(|(name, _)| name.clone())
            .filter(|name| writable(name) && !access.field(schema, &object, name, true))
            .collect();
        if let Some(field) = denied.first() {
            let message = format!("Unable to create/update fields: {}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", denied.join(", "));
            let error =
                apex_data::StoreError { code: "INVALID_FIELD_FOR_INSERT_UPDATE", message, fields: vec![field.clone()] };
            return Err(super::dml::dml_exception(interp, op, row, record, None, error));
        }
    }
    Ok(())
}
