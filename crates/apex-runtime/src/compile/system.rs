//! What the compiler knows about the platform's classes: which names are system types and
//! namespaces, which native tables serve their static and instance methods, and which real
//! platform methods are known but not supported yet (those warn instead of failing).

use super::body::Body;
use super::calls::native_call;
use crate::ir::Expr;
use crate::stdlib::{self, Native, Ret};
use crate::types::{ClassId, Ty};
use crate::value::Value;
use apex_syntax::ast::Name;
use apex_syntax::Span;

/// System classes known by name. Those without a native table compile and warn when used.
const SYSTEM_TYPES: &[&str] = &[
    "System",
    "Math",
    "Limits",
    "Assert",
    "Test",
    "JSON",
    "JSONGenerator",
    "JSONParser",
    "JSONToken",
    "Http",
    "HttpRequest",
    "HttpResponse",
    "HttpCalloutMock",
    "EncodingUtil",
    "Crypto",
    "UserInfo",
    "Url",
    "Pattern",
    "Matcher",
    "PageReference",
    "ApexPages",
    "Trigger",
    "Queueable",
    "QueueableContext",
    "Schedulable",
    "SchedulableContext",
    "Finalizer",
    "FinalizerContext",
    "Iterator",
    "Iterable",
    "Comparable",
    "Comparator",
    "StubProvider",
    "Callable",
    "EventBus",
    "Label",
    "Site",
    "Network",
    "Approval",
    "Search",
    "TimeZone",
    "Version",
    "Continuation",
    "Cookie",
    "Savepoint",
    "Address",
    "Location",
    "Messaging",
    "Schema",
    "Database",
    "Blob",
    "SelectOption",
    "RestContext",
    "RestRequest",
    "RestResponse",
    "StaticResourceCalloutMock",
    "MultiStaticResourceCalloutMock",
    "WebServiceMock",
    "XmlStreamReader",
    "XmlStreamWriter",
    "Dom",
    "Cache",
    "Auth",
    "Process",
    "Flow",
    "Request",
    "Quiddity",
    "AccessLevel",
    "AccessType",
    "SObjectAccessDecision",
    "FeatureManagement",
    "Organization",
    "Exception",
    "TriggerOperation",
    "SObjectDescribeOptions",
    "Security",
    "SObjectType",
    "SObjectField",
    "DescribeFieldResult",
    "DescribeSObjectResult",
    "ChildRelationship",
    "PicklistEntry",
    "FieldSet",
    "FieldSetMember",
    "RecordTypeInfo",
    "DisplayType",
    "SoapType",
    "DescribeTabResult",
    "DescribeTabSetResult",
    "DescribeColorResult",
    "DescribeIconResult",
    "FieldDescribeOptions",
    "Domain",
    "DomainParser",
    "DomainType",
    "OrgLimit",
    "OrgLimits",
    "Datacloud",
    "BusinessHours",
    "RemoteObjectController",
    "IdeaStandardController",
    "StandardController",
    "StandardSetController",
    "InstallHandler",
    "UninstallHandler",
    "InstallContext",
    "UninstallContext",
    "TxnSecurity",
    "EmailTemplates",
    "UserManagement",
    "ConnectApi",
    "Reports",
    "DataSource",
    "Wave",
];

/// Namespaces whose types the tool does not model yet.
const NAMESPACES: &[&str] = &[
    "System",
    "Database",
    "Schema",
    "Auth",
    "ConnectApi",
    "Messaging",
    "Cache",
    "Dom",
    "Process",
    "Reports",
    "Flow",
    "EventBus",
    "Metadata",
    "Invocable",
    "Site",
    "Support",
    "Approval",
    "Search",
    "KbManagement",
    "QuickAction",
    "Canvas",
    "ChatterAnswers",
    "TxnSecurity",
    "UserProvisioning",
    "Wave",
    "Slack",
    "CommercePayments",
    "DataSource",
    "Functions",
    "Sfc",
    "Territory2",
    "LxScheduler",
    "DataWeave",
    "AppLauncher",
    "DataWeaveScriptResource",
    "CommerceTax",
    "CommerceOrders",
    "Apex",
    "Context",
    "LiveAgent",
    "Pref_center",
    "RichMessaging",
    "SlackApps",
];

/// Standard sObjects commonly used in code; custom ones end in `__c` and friends.
const SOBJECTS: &[&str] = &[
    "Account",
    "Contact",
    "Lead",
    "Opportunity",
    "OpportunityLineItem",
    "Case",
    "User",
    "Task",
    "Event",
    "Campaign",
    "CampaignMember",
    "Product2",
    "Pricebook2",
    "PricebookEntry",
    "Quote",
    "Contract",
    "Order",
    "OrderItem",
    "Asset",
    "Profile",
    "PermissionSet",
    "PermissionSetAssignment",
    "Group",
    "GroupMember",
    "Note",
    "Attachment",
    "ContentVersion",
    "ContentDocument",
    "ContentDocumentLink",
    "Document",
    "Folder",
    "EmailMessage",
    "AsyncApexJob",
    "CronTrigger",
    "ApexClass",
    "ApexLog",
    "RecordType",
    "Organization",
    "UserRole",
    "FeedItem",
    "Entitlement",
    "Solution",
    "Idea",
    "Period",
    "Holiday",
    "NamedCredential",
    "ExternalCredential",
    "ObjectPermissions",
    "FieldPermissions",
    "PermissionSetGroup",
    "PermissionSetGroupComponent",
    "SetupEntityAccess",
    "FieldDefinition",
    "EntityDefinition",
    "StaticResource",
    "ContentDistribution",
    "AppMenuItem",
    "EmailMessageRelation",
    "PlatformCachePartition",
    "AggregateResult",
    "AccountContactRelation",
    "AccountShare",
    "AccountTeamMember",
    "Approval",
    "AsyncOperationLog",
    "AuthProvider",
    "CaseComment",
    "CollaborationGroup",
    "ConnectedApplication",
    "ContactShare",
    "ContentWorkspace",
    "CronJobDetail",
    "CustomPermission",
    "Dashboard",
    "EmailTemplate",
    "EventLogFile",
    "FeedComment",
    "LeadShare",
    "LoginHistory",
    "OpportunityShare",
    "OpportunityContactRole",
    "OrgWideEmailAddress",
    "ProcessInstance",
    "ProcessInstanceWorkitem",
    "Report",
    "SetupAuditTrail",
    "Site",
    "Topic",
    "TopicAssignment",
    "UserLicense",
    "UserRecordAccess",
    "Vote",
    "Network",
    "Community",
    "QueueSobject",
    "Territory",
    "WorkOrder",
    "ServiceContract",
    "Individual",
    "Pricebook",
    "Partner",
    "Domain",
    "ApexTrigger",
    "ApexPage",
    "ApexComponent",
    "ApexTestResult",
    "ApexTestQueueItem",
    "DatacloudContact",
    "ListView",
    "CustomNotificationType",
    "ExternalDataSource",
    "PermissionSetLicense",
    "Publisher",
    "RecentlyViewed",
    "Calendar",
    "ContentNote",
    "Macro",
    "Knowledge__kav",
    "LinkedArticle",
    "Skill",
    "ServiceResource",
];

/// System interfaces that user classes implement; calls through them dispatch at run time.
pub fn is_interface(name: &str) -> bool {
    [
        "Iterator",
        "Iterable",
        "Comparable",
        "Comparator",
        "Callable",
        "Queueable",
        "Schedulable",
        "Finalizer",
        "HttpCalloutMock",
        "StubProvider",
        "WebServiceMock",
    ]
    .contains(&name)
}

pub fn system_type(name: &str) -> Option<Ty> {
    if let Some(found) = SYSTEM_TYPES.iter().find(|t| t.eq_ignore_ascii_case(name)) {
        return Some(Ty::System(found));
    }
    let lower = name.to_ascii_lowercase();
    if ["__c", "__mdt", "__e", "__x", "__share", "__history", "__b", "__kav"].iter().any(|s| lower.ends_with(s)) {
        return Some(Ty::SObject(Some(name.to_string())));
    }
    SOBJECTS.iter().find(|t| t.eq_ignore_ascii_case(name)).map(|t| Ty::SObject(Some(t.to_string())))
}

/// `Database.SaveResult` and the like: known namespaces, types not modelled (checked loosely).
pub fn namespaced_type(ns: &str, _name: &str) -> Option<Ty> {
    is_namespace(ns).then_some(Ty::Any)
}

pub fn is_namespace(key: &str) -> bool {
    NAMESPACES.iter().any(|n| n.eq_ignore_ascii_case(key))
}

pub fn namespace_display(key: &str) -> &'static str {
    NAMESPACES.iter().find(|n| n.eq_ignore_ascii_case(key)).copied().unwrap_or("System")
}

/// The static-method table of a system type.
pub fn static_table(ty: &Ty) -> Option<&'static [Native]> {
    use stdlib::*;
    Some(match ty {
        Ty::String => string::STATIC,
        Ty::Integer => number::INTEGER_STATIC,
        Ty::Long => number::LONG_STATIC,
        Ty::Double => number::DOUBLE_STATIC,
        Ty::Decimal => number::DECIMAL_STATIC,
        Ty::Boolean => boolean::BOOLEAN_STATIC,
        Ty::Date => date::DATE_STATIC,
        Ty::Datetime => date::DATETIME_STATIC,
        Ty::Time => date::TIME_STATIC,
        Ty::Type => object::TYPE_STATIC,
        Ty::Id => object::ID_STATIC,
        Ty::Blob => object::BLOB_STATIC,
        Ty::System(name) => match *name {
            "System" => system::STATIC,
            "Math" => math::MATH_STATIC,
            "Assert" => assert::STATIC,
            "Limits" => limits::STATIC,
            "JSON" => json::STATIC,
            "EncodingUtil" => encoding_util::STATIC,
            "Crypto" => crypto::STATIC,
            "Pattern" => pattern::STATIC,
            "Url" => url::STATIC,
            "UserInfo" => user_info::STATIC,
            "Database" => database::STATIC,
            "Schema" => describe::SCHEMA_STATIC,
            "Test" => test::STATIC,
            "Request" => request::STATIC,
            _ => return None,
        },
        _ => return None,
    })
}

/// The instance-method table of a system type.
pub fn instance_table(ty: &Ty) -> Option<&'static [Native]> {
    use stdlib::*;
    Some(match ty {
        Ty::String | Ty::Id => string::INSTANCE,
        Ty::Integer => number::INTEGER_INSTANCE,
        Ty::Long => number::LONG_INSTANCE,
        Ty::Double => number::DOUBLE_INSTANCE,
        Ty::Decimal => number::DECIMAL_INSTANCE,
        Ty::Boolean => boolean::BOOLEAN_INSTANCE,
        Ty::Date => date::DATE_INSTANCE,
        Ty::Datetime => date::DATETIME_INSTANCE,
        Ty::Time => date::TIME_INSTANCE,
        Ty::List(_) => list::INSTANCE,
        Ty::Set(_) => set::INSTANCE,
        Ty::Map(..) => map::INSTANCE,
        Ty::Type => object::TYPE_INSTANCE,
        Ty::Blob => object::BLOB_INSTANCE,
        Ty::System(name) => return stdlib::system_instance_table(name),
        _ => return None,
    })
}

/// True when the platform has this method on that type even though we do not implement it.
pub fn is_known_method(ty: &Ty, key: &str) -> bool {
    match ty {
        Ty::System("System") => [
            "schedule",
            "schedulebatch",
            "abortjob",
            "runas",
            "resetpassword",
            "setpassword",
            "purgeoldasyncjobs",
            "requestversion",
            "getquiddity",
            "getapplicationreadwritemode",
            "movepassword",
            "resetpasswordwithemailtemplate",
            "submitapprovalrequest",
            "isrunningtest",
        ]
        .contains(&key),
        // sObject methods beyond get/put (getSObjectType, addError, ...) are not modelled yet.
        Ty::System(_) | Ty::SObject(_) => true,
        Ty::Id | Ty::List(_) => matches!(key, "getsobjecttype" | "getsobjecttypename"),
        _ => false,
    }
}

/// The static type a native method returns, given its receiver's type.
pub fn ret_ty(ret: &Ret, receiver: &Ty, args: &[Ty]) -> Ty {
    let wider = || args.iter().filter(|a| a.is_numeric()).max_by_key(|a| a.numeric_rank()).cloned().unwrap_or(Ty::Any);
    match ret {
        Ret::WiderArg => wider(),
        Ret::FloatArg => match wider() {
            Ty::Decimal => Ty::Decimal,
            Ty::Any => Ty::Any,
            _ => Ty::Double,
        },
        Ret::Ty(ty) => ty.clone(),
        Ret::ListOfString => Ty::list_of(Ty::String),
        Ret::SetOfString => Ty::Set(Box::new(Ty::String)),
        Ret::Receiver => receiver.clone(),
        Ret::Element => receiver.element().cloned().unwrap_or(Ty::Any),
        Ret::KeySet => match receiver {
            Ty::Map(k, _) => Ty::Set(k.clone()),
            _ => Ty::Any,
        },
        Ret::Values => match receiver {
            Ty::Map(_, v) => Ty::List(v.clone()),
            _ => Ty::Any,
        },
        Ret::MapValue => match receiver {
            Ty::Map(_, v) => (**v).clone(),
            _ => Ty::Any,
        },
    }
}

/// `Math.PI` and the other static constants of system types.
pub fn static_constant(ty: &Ty, key: &str) -> Option<(Value, Ty)> {
    match (ty, key) {
        (Ty::System("Math"), "pi") => Some((Value::Double(std::f64::consts::PI), Ty::Double)),
        (Ty::System("Math"), "e") => Some((Value::Double(std::f64::consts::E), Ty::Double)),
        _ => None,
    }
}

/// `MyEnum.values()` and `MyEnum.valueOf('A')`.
pub(super) fn enum_static(
    b: &mut Body,
    id: ClassId,
    key: &str,
    args: Vec<Expr>,
    span: Span,
    name: &Name,
) -> (Expr, Ty) {
    let with_type = |args: Vec<Expr>| {
        std::iter::once(Expr::Const(Value::Type(std::rc::Rc::new(Ty::Class(id))))).chain(args).collect()
    };
    match (key, args.len()) {
        ("values", 0) => {
            (native_call(&stdlib::object::ENUM_VALUES, with_type(args), false), Ty::list_of(Ty::Class(id)))
        }
        ("valueof", 1) => (native_call(&stdlib::object::ENUM_VALUE_OF, with_type(args), false), Ty::Class(id)),
        _ => {
            let type_name = b.c.program.class_display(id);
            b.c.error(
                format!(
                    "Method does not exist or incorrect signature: void {}() from the type {type_name}",
                    name.as_str()
                ),
                span,
            );
            (Expr::Unsupported("enum method".into()), Ty::Any)
        }
    }
}
