//! The standard objects the tool knows, with their usual fields. Each field is written
//! `Name:type` with `!` for required on insert; references are `ref/Target[/Target2]/Relationship`.

use super::{CompoundField, FieldSchema, FieldType, ObjectSchema};

/// The compound addresses (object, prefix of the component fields): `BillingAddress` is
/// `BillingStreet`, `BillingCity`, ... Lead's and User's is `Address` over `Street`, `City`, ...
const ADDRESSES: &[(&str, &str)] = &[
    ("Account", "Billing"),
    ("Account", "Shipping"),
    ("Contact", "Mailing"),
    ("Contact", "Other"),
    ("Lead", ""),
    ("User", ""),
];

/// An address's components (name, type), as `System.Address` has them. The state and country
/// code fields exist only in orgs with state and country picklists, so they are left out.
const ADDRESS_COMPONENTS: &[(&str, &str)] = &[
    ("Street", "textarea"),
    ("City", "string"),
    ("State", "string"),
    ("PostalCode", "string"),
    ("Country", "string"),
    ("Latitude", "double"),
    ("Longitude", "double"),
    ("GeocodeAccuracy", "picklist"),
];

/// Objects (name, key prefix, owned by a user, fields).
const OBJECTS: &[(&str, &str, bool, &[&str])] = &[
    (
        "Account",
        "001",
        true,
        &[
            "Name:string!",
            "Type:picklist",
            "Industry:picklist",
            "AnnualRevenue:currency",
            "NumberOfEmployees:int",
            "Phone:phone",
            "Fax:phone",
            "Website:url",
            "Description:textarea",
            "AccountNumber:string",
            "Site:string",
            "Rating:picklist",
            "ParentId:ref/Account/Parent",
        ],
    ),
    (
        "Contact",
        "003",
        true,
        &[
            "FirstName:string",
            "LastName:string!",
            "Name:string=",
            "Salutation:picklist",
            "Email:email",
            "Phone:phone",
            "MobilePhone:phone",
            "Title:string",
            "Department:string",
            "Birthdate:date",
            "AccountId:ref/Account/Account",
            "ReportsToId:ref/Contact/ReportsTo",
            "LeadSource:picklist",
            "Description:textarea",
            "HasOptedOutOfEmail:boolean",
        ],
    ),
    (
        "Opportunity",
        "006",
        true,
        &[
            "Name:string!",
            "StageName:picklist!",
            "CloseDate:date!",
            "Amount:currency",
            "Probability:percent",
            "AccountId:ref/Account/Account",
            "Type:picklist",
            "LeadSource:picklist",
            "NextStep:string",
            "Description:textarea",
            "IsClosed:boolean=",
            "IsWon:boolean=",
            "ForecastCategoryName:picklist",
        ],
    ),
    (
        "Lead",
        "00Q",
        true,
        &[
            "FirstName:string",
            "LastName:string!",
            "Name:string=",
            "Company:string!",
            "Email:email",
            "Phone:phone",
            "Status:picklist",
            "Title:string",
            "Industry:picklist",
            "LeadSource:picklist",
            "Rating:picklist",
            "Description:textarea",
            "IsConverted:boolean=",
            "ConvertedAccountId:ref/Account/ConvertedAccount=",
            "ConvertedContactId:ref/Contact/ConvertedContact=",
        ],
    ),
    (
        "Case",
        "500",
        true,
        &[
            "Subject:string",
            "Description:textarea",
            "Status:picklist",
            "Priority:picklist",
            "Origin:picklist",
            "Type:picklist",
            "Reason:picklist",
            "CaseNumber:string=",
            "IsClosed:boolean=",
            "SuppliedEmail:email",
            "AccountId:ref/Account/Account",
            "ContactId:ref/Contact/Contact",
            "ParentId:ref/Case/Parent",
        ],
    ),
    (
        "User",
        "005",
        false,
        &[
            "Username:string!",
            "LastName:string!",
            "FirstName:string",
            "Name:string=",
            "Email:email!",
            "Alias:string!",
            "CommunityNickname:string",
            "TimeZoneSidKey:picklist!",
            "LocaleSidKey:picklist!",
            "EmailEncodingKey:picklist!",
            "LanguageLocaleKey:picklist!",
            "ProfileId:ref/Profile/Profile!",
            "UserRoleId:ref/UserRole/UserRole",
            "IsActive:boolean",
            "Title:string",
            "Department:string",
            "CompanyName:string",
            "FederationIdentifier:string",
            "UserType:picklist=",
        ],
    ),
    ("Profile", "00e", false, &["Name:string!", "UserType:picklist", "Description:string"]),
    ("UserRole", "00E", false, &["Name:string!", "DeveloperName:string", "ParentRoleId:ref/UserRole/ParentRole"]),
    (
        "PermissionSet",
        "0PS",
        false,
        &[
            "Name:string!",
            "Label:string!",
            "Description:textarea",
            "IsOwnedByProfile:boolean=",
            "ProfileId:ref/Profile/Profile=",
        ],
    ),
    (
        "ObjectPermissions",
        "110",
        false,
        &[
            "ParentId:ref/PermissionSet/Parent!",
            "SobjectType:picklist!",
            "PermissionsRead:boolean",
            "PermissionsCreate:boolean",
            "PermissionsEdit:boolean",
            "PermissionsDelete:boolean",
            "PermissionsViewAllRecords:boolean",
            "PermissionsModifyAllRecords:boolean",
        ],
    ),
    (
        "FieldPermissions",
        "01k",
        false,
        &[
            "ParentId:ref/PermissionSet/Parent!",
            "SobjectType:picklist!",
            "Field:picklist!",
            "PermissionsRead:boolean",
            "PermissionsEdit:boolean",
        ],
    ),
    (
        "PermissionSetAssignment",
        "0Pa",
        false,
        &["AssigneeId:ref/User/Assignee!", "PermissionSetId:ref/PermissionSet/PermissionSet!"],
    ),
    (
        "Task",
        "00T",
        true,
        &[
            "Subject:string",
            "Status:picklist",
            "Priority:picklist",
            "ActivityDate:date",
            "Description:textarea",
            "WhoId:ref/Contact/Lead/Who",
            "WhatId:ref/Account/Opportunity/Case/What",
            "IsClosed:boolean=",
            "TaskSubtype:picklist",
        ],
    ),
    (
        "Event",
        "00U",
        true,
        &[
            "Subject:string",
            "StartDateTime:datetime",
            "EndDateTime:datetime",
            "ActivityDateTime:datetime",
            "ActivityDate:date",
            "DurationInMinutes:int",
            "Location:string",
            "Description:textarea",
            "WhoId:ref/Contact/Lead/Who",
            "WhatId:ref/Account/Opportunity/Case/What",
        ],
    ),
    (
        "Organization",
        "00D",
        false,
        &[
            "Name:string",
            "OrganizationType:string",
            "InstanceName:string",
            "IsSandbox:boolean",
            "NamespacePrefix:string",
            "TimeZoneSidKey:picklist",
            "LanguageLocaleKey:picklist",
        ],
    ),
    (
        "Campaign",
        "701",
        true,
        &[
            "Name:string!",
            "Type:picklist",
            "Status:picklist",
            "StartDate:date",
            "EndDate:date",
            "IsActive:boolean",
            "Description:textarea",
        ],
    ),
    (
        "Product2",
        "01t",
        false,
        &["Name:string!", "ProductCode:string", "Description:textarea", "IsActive:boolean", "Family:picklist"],
    ),
    ("Pricebook2", "01s", false, &["Name:string!", "IsActive:boolean", "IsStandard:boolean=", "Description:string"]),
    (
        "PricebookEntry",
        "01u",
        false,
        &[
            "Pricebook2Id:ref/Pricebook2/Pricebook2!",
            "Product2Id:ref/Product2/Product2!",
            "UnitPrice:currency!",
            "IsActive:boolean",
            "UseStandardPrice:boolean",
        ],
    ),
    (
        "OpportunityLineItem",
        "00k",
        false,
        &[
            "OpportunityId:ref/Opportunity/Opportunity!",
            "PricebookEntryId:ref/PricebookEntry/PricebookEntry",
            "Product2Id:ref/Product2/Product2",
            "Quantity:double!",
            "UnitPrice:currency",
            "TotalPrice:currency",
            "Description:string",
        ],
    ),
    (
        "Contract",
        "800",
        true,
        &[
            "AccountId:ref/Account/Account!",
            "Status:picklist",
            "StartDate:date",
            "ContractTerm:int",
            "Description:textarea",
        ],
    ),
    (
        "Order",
        "801",
        true,
        &[
            "AccountId:ref/Account/Account!",
            "Status:picklist!",
            "EffectiveDate:date!",
            "ContractId:ref/Contract/Contract",
            "Description:textarea",
        ],
    ),
    ("Note", "002", true, &["Title:string!", "Body:textarea", "ParentId:ref/Account/Contact/Opportunity/Case/Parent!"]),
    (
        "RecordType",
        "012",
        false,
        &["Name:string!", "DeveloperName:string!", "SobjectType:picklist!", "IsActive:boolean", "Description:string"],
    ),
    ("Group", "00G", false, &["Name:string", "DeveloperName:string", "Type:picklist"]),
    ("GroupMember", "011", false, &["GroupId:ref/Group/Group!", "UserOrGroupId:ref/User/Group/UserOrGroup!"]),
    // The runtime writes a row per queued job; its Id is the job Id `System.enqueueJob` returns.
    (
        "AsyncApexJob",
        "707",
        false,
        &[
            "JobType:picklist",
            "Status:picklist",
            "MethodName:string",
            "NumberOfErrors:int",
            "ExtendedStatus:string",
            "CompletedDate:datetime",
            "JobItemsProcessed:int",
            "TotalJobItems:int",
        ],
    ),
];

/// The standard child relationships: (parent, relationship name, child, child's field).
pub(super) const CHILD_RELATIONSHIPS: &[(&str, &str, &str, &str)] = &[
    ("Account", "Contacts", "Contact", "AccountId"),
    ("Account", "Opportunities", "Opportunity", "AccountId"),
    ("Account", "Cases", "Case", "AccountId"),
    ("Account", "ChildAccounts", "Account", "ParentId"),
    ("Account", "Contracts", "Contract", "AccountId"),
    ("Account", "Orders", "Order", "AccountId"),
    ("Account", "Tasks", "Task", "WhatId"),
    ("Account", "Events", "Event", "WhatId"),
    ("Account", "Notes", "Note", "ParentId"),
    ("Contact", "Cases", "Case", "ContactId"),
    ("Contact", "Tasks", "Task", "WhoId"),
    ("Contact", "Events", "Event", "WhoId"),
    ("Contact", "DirectReports", "Contact", "ReportsToId"),
    ("Contact", "Notes", "Note", "ParentId"),
    ("Lead", "Tasks", "Task", "WhoId"),
    ("Lead", "Events", "Event", "WhoId"),
    ("Opportunity", "OpportunityLineItems", "OpportunityLineItem", "OpportunityId"),
    ("Opportunity", "Tasks", "Task", "WhatId"),
    ("Opportunity", "Events", "Event", "WhatId"),
    ("Opportunity", "Notes", "Note", "ParentId"),
    ("Case", "Cases", "Case", "ParentId"),
    ("Case", "Tasks", "Task", "WhatId"),
    ("Case", "Events", "Event", "WhatId"),
    ("Case", "Notes", "Note", "ParentId"),
    ("PermissionSet", "Assignments", "PermissionSetAssignment", "PermissionSetId"),
    ("PermissionSet", "ObjectPerms", "ObjectPermissions", "ParentId"),
    ("PermissionSet", "FieldPerms", "FieldPermissions", "ParentId"),
    ("User", "PermissionSetAssignments", "PermissionSetAssignment", "AssigneeId"),
    ("Group", "GroupMembers", "GroupMember", "GroupId"),
    ("Pricebook2", "PricebookEntries", "PricebookEntry", "Pricebook2Id"),
    ("Product2", "PricebookEntries", "PricebookEntry", "Product2Id"),
    ("Contract", "Orders", "Order", "ContractId"),
];

pub(super) fn objects() -> Vec<ObjectSchema> {
    OBJECTS
        .iter()
        .map(|(name, prefix, owned, fields)| {
            let mut object = ObjectSchema::new(name, prefix, false);
            object.add_field(system("Id", FieldType::Id));
            for spec in *fields {
                object.add_field(parse(spec));
            }
            if *owned {
                object.add_field(parse("OwnerId:ref/User/Owner"));
            }
            for (_, prefix) in ADDRESSES.iter().filter(|(on, _)| on == name) {
                add_address(&mut object, prefix);
            }
            for field in audit_fields() {
                object.add_field(field);
            }
            object
        })
        .collect()
}

/// The component fields of the address whose fields start with `prefix`, and the compound.
fn add_address(object: &mut ObjectSchema, prefix: &str) {
    let mut components = Vec::new();
    for (component, ty) in ADDRESS_COMPONENTS {
        let field = format!("{prefix}{component}");
        object.add_field(parse(&format!("{field}:{ty}")));
        components.push((component.to_string(), field));
    }
    object.add_compound(CompoundField { name: format!("{prefix}Address"), components });
}

/// The audit fields every object has; the store sets them.
pub(super) fn audit_fields() -> Vec<FieldSchema> {
    let user = || FieldType::Reference { to: vec!["User".into()], relationship: String::new() };
    let mut created_by = system("CreatedById", user());
    created_by.ty = FieldType::Reference { to: vec!["User".into()], relationship: "CreatedBy".into() };
    let mut modified_by = system("LastModifiedById", user());
    modified_by.ty = FieldType::Reference { to: vec!["User".into()], relationship: "LastModifiedBy".into() };
    vec![
        system("CreatedDate", FieldType::DateTime),
        created_by,
        system("LastModifiedDate", FieldType::DateTime),
        modified_by,
        system("SystemModstamp", FieldType::DateTime),
        system("IsDeleted", FieldType::Boolean),
    ]
}

/// A field only the platform writes.
pub(super) fn system(name: &str, ty: FieldType) -> FieldSchema {
    FieldSchema { name: name.into(), ty, required: false, system: true, external_id: false, auto_number: None }
}

/// `Name:type`, then `!` (required) or `=` (set by the platform).
fn parse(spec: &str) -> FieldSchema {
    let (name, rest) = spec.split_once(':').unwrap_or((spec, "string"));
    let required = rest.ends_with('!');
    let system = rest.ends_with('=');
    let ty = rest.trim_end_matches(['!', '=']);
    let ty = match ty {
        "string" => FieldType::String,
        "textarea" => FieldType::TextArea,
        "email" => FieldType::Email,
        "phone" => FieldType::Phone,
        "url" => FieldType::Url,
        "picklist" => FieldType::Picklist,
        "multipicklist" => FieldType::MultiPicklist,
        "boolean" => FieldType::Boolean,
        "int" => FieldType::Int,
        "double" => FieldType::Double,
        "currency" => FieldType::Currency,
        "percent" => FieldType::Percent,
        "date" => FieldType::Date,
        "datetime" => FieldType::DateTime,
        "time" => FieldType::Time,
        reference => {
            let mut parts: Vec<String> = reference.split('/').skip(1).map(str::to_string).collect();
            let relationship = parts.pop().unwrap_or_default();
            FieldType::Reference { to: parts, relationship }
        }
    };
    FieldSchema { name: name.into(), ty, required, system, external_id: false, auto_number: None }
}
