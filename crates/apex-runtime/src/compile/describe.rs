//! Schema tokens at compile time: `Account.SObjectType` and `Account.Name` are constants, as
//! is `Schema.SObjectType.Account` (a describe result); the members of describe results that
//! read like fields (`describe.fields`, `fields.Name`) become calls of their native methods.

use super::body::Body;
use super::calls::native_call;
use crate::ir::Expr;
use crate::stdlib::describe::{self, Token};
use crate::stdlib::{self, find};
use crate::types::Ty;
use crate::value::Value;
use apex_syntax::ast::Name;

/// `Account.SObjectType`, `Account.Name` or `SObjectType.Account`, when `ty.name` is one.
pub(super) fn token(b: &Body, ty: &Ty, name: &Name) -> Option<(Value, Ty)> {
    let key = name.as_str().to_ascii_lowercase();
    match ty {
        Ty::SObject(Some(object)) if key == "sobjecttype" => {
            Some((Token::ObjectType(object_name(b, object)).value(), Ty::System(describe::OBJECT_TYPE)))
        }
        Ty::SObject(Some(object)) => {
            let schema = b.c.program.schema.object(object)?;
            let field = schema.field(name.as_str())?;
            Some((Token::Field(schema.name.clone(), field.name.clone()).value(), Ty::System(describe::FIELD)))
        }
        Ty::System(describe::OBJECT_TYPE) => {
            let object = b.c.program.schema.object(name.as_str())?;
            Some((Token::ObjectDescribe(object.name.clone()).value(), Ty::System(describe::OBJECT_DESCRIBE)))
        }
        _ => None,
    }
}

/// The schema's spelling of an object, or the name as written when the schema lacks it.
fn object_name(b: &Body, written: &str) -> String {
    b.c.program.schema.object(written).map_or(written.to_string(), |o| o.name.clone())
}

/// `receiver.name` on a system object: a method of that name taking no arguments, or the
/// class's `$field` method given the name.
pub(super) fn system_field(class: &'static str, receiver: Expr, name: &Name) -> Option<(Expr, Ty)> {
    let table = stdlib::system_instance_table(class)?;
    let key = name.as_str().to_ascii_lowercase();
    if let Some(native) = find(table, &key, 0) {
        let ty = super::system::ret_ty(&native.ret, &Ty::System(class), &[]);
        return Some((native_call(native, vec![receiver], true), ty));
    }
    let native = find(table, "$field", 1)?;
    let ty = super::system::ret_ty(&native.ret, &Ty::System(class), &[]);
    let args = vec![receiver, Expr::Const(Value::string(name.as_str()))];
    Some((native_call(native, args, true), ty))
}
