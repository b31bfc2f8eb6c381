//! `System.UserInfo`: the running user and org, as the host describes them (see
//! `crate::user::RunningUser`; `apex run --user field=value` sets them).
//! Reference: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_userinfo.htm

use super::{ret, Native};
use crate::eval::{Interp, Throw};
use crate::user::RunningUser;
use crate::value::Value;

pub static STATIC: &[Native] = &[
    Native::interp("getuserid", 0, ret::ID, |i, _| id(i, |u| &u.user_id)),
    Native::interp("getusername", 0, ret::STRING, |i, _| text(i, |u| &u.user_name)),
    Native::interp("getname", 0, ret::STRING, |i, _| {
        let user = i.user();
        Ok(Value::string(format!("{} {}", user.first_name, user.last_name).trim().to_string()))
    }),
    Native::interp("getfirstname", 0, ret::STRING, |i, _| text(i, |u| &u.first_name)),
    Native::interp("getlastname", 0, ret::STRING, |i, _| text(i, |u| &u.last_name)),
    Native::interp("getuseremail", 0, ret::STRING, |i, _| text(i, |u| &u.email)),
    Native::interp("getorganizationid", 0, ret::ID, |i, _| id(i, |u| &u.organization_id)),
    Native::interp("getorganizationname", 0, ret::STRING, |i, _| text(i, |u| &u.organization_name)),
    Native::interp("getprofileid", 0, ret::ID, |i, _| id(i, |u| &u.profile_id)),
    Native::interp("getusertype", 0, ret::STRING, |i, _| text(i, |u| &u.user_type)),
    Native::interp("getlocale", 0, ret::STRING, |i, _| text(i, |u| &u.locale)),
    Native::interp("getlanguage", 0, ret::STRING, |i, _| text(i, |u| &u.language)),
    Native::interp("getdefaultcurrency", 0, ret::STRING, |i, _| text(i, |u| &u.default_currency)),
    Native::interp("getsessionid", 0, ret::STRING, |i, _| {
        Ok(i.user().session_id.as_deref().map_or(Value::Null, Value::string))
    }),
    Native::pure("ismulticurrencyorganization", 0, ret::BOOLEAN, |_| Ok(Value::Boolean(false))),
    Native::pure("getuitheme", 0, ret::STRING, |_| Ok(Value::string("Theme4d"))),
    Native::pure("getuithemedisplayed", 0, ret::STRING, |_| Ok(Value::string("Theme4d"))),
];

fn text(interp: &mut Interp, field: fn(&RunningUser) -> &String) -> Result<Value, Throw> {
    Ok(Value::string(field(interp.user()).as_str()))
}

fn id(interp: &mut Interp, field: fn(&RunningUser) -> &String) -> Result<Value, Throw> {
    Ok(Value::Id(std::rc::Rc::new(field(interp.user()).clone())))
}
