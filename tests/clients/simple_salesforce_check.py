"""simple-salesforce against `apex org serve --tls`: log in with the OAuth password grant and
with SOAP, then create, read, update, upsert, delete, page through more than 2,000 records,
queryAll, describe and read limits. Exits non-zero on the first failure.

Usage: simple_salesforce_check.py ORIGIN CERT  (the org's defaults for user and app)."""

import sys

import requests
from requests.adapters import HTTPAdapter
from simple_salesforce import Salesforce

ORIGIN, CERT = sys.argv[1], sys.argv[2]
USER, PASSWORD = "admin@apex.local", "apex-local-password"
CLIENT, SECRET = "apex-local-client", "apex-local-secret"


class ToTheOrg(HTTPAdapter):
    """Sends what simple-salesforce addresses to login.salesforce.com to the local org."""

    def send(self, request, **kwargs):
        request.url = request.url.replace("https://login.salesforce.com", ORIGIN)
        return super().send(request, **kwargs)


def session():
    s = requests.Session()
    s.verify = CERT
    s.mount("https://login.salesforce.com", ToTheOrg())
    return s


def check(label, condition):
    if not condition:
        print(f"FAIL {label}")
        sys.exit(1)
    print(f"ok   {label}")


def exercise(sf, tag):
    created = sf.Account.create({"Name": f"{tag} Acme", "NumberOfEmployees": 5})
    check(f"{tag} create", created["success"] and len(created["id"]) == 18)
    account_id = created["id"]
    check(f"{tag} get", sf.Account.get(account_id)["Name"] == f"{tag} Acme")
    check(f"{tag} update", sf.Account.update(account_id, {"Name": f"{tag} Acme Corp"}) == 204)
    check(f"{tag} get after update", sf.Account.get(account_id)["Name"] == f"{tag} Acme Corp")
    key = f"External_Key__c/{tag}-1"
    check(f"{tag} upsert creates", sf.Account.upsert(key, {"Name": f"{tag} Upserted"}) == 201)
    check(f"{tag} upsert updates", sf.Account.upsert(key, {"Name": f"{tag} Upserted Again"}) == 200)
    check(f"{tag} get by external id", sf.Account.get_by_custom_id("External_Key__c", f"{tag}-1")["Name"] == f"{tag} Upserted Again")
    check(f"{tag} delete", sf.Account.delete(account_id) == 204)
    deleted = sf.query_all(f"SELECT Id, IsDeleted FROM Account WHERE Id = '{account_id}'", include_deleted=True)
    check(f"{tag} queryAll sees the deleted record", deleted["totalSize"] == 1 and deleted["records"][0]["IsDeleted"])
    live = sf.query(f"SELECT Id FROM Account WHERE Id = '{account_id}'")
    check(f"{tag} query skips it", live["totalSize"] == 0)
    describe = sf.Account.describe()
    check(f"{tag} describe", describe["name"] == "Account" and any(f["name"] == "External_Key__c" for f in describe["fields"]))
    limits = sf.limits()
    check(f"{tag} limits", limits["DailyApiRequests"]["Max"] > 0)


def many(sf, count):
    """Creates `count` contacts 200 at a time through sObject Collections."""
    for start in range(0, count, 200):
        records = [{"attributes": {"type": "Contact"}, "LastName": f"Bulk {i:05d}"} for i in range(start, min(start + 200, count))]
        results = sf.restful("composite/sobjects", method="POST", json={"allOrNone": True, "records": records})
        if not all(r["success"] for r in results):
            check("collections create", False)


oauth = Salesforce(username=USER, password=PASSWORD, consumer_key=CLIENT, consumer_secret=SECRET, session=session())
check("OAuth password login", oauth.session_id.startswith("00D") and oauth.sf_instance == ORIGIN.replace("https://", ""))
exercise(oauth, "oauth")

soap = Salesforce(username=USER, password=PASSWORD, security_token="", session=session())
check("SOAP login", soap.session_id.startswith("00D"))
exercise(soap, "soap")

many(soap, 2100)
everything = soap.query_all("SELECT Id, LastName FROM Contact WHERE LastName LIKE 'Bulk%' ORDER BY LastName")
names = [r["LastName"] for r in everything["records"]]
check("query_all pages past 2,000", everything["totalSize"] == 2100 and len(names) == 2100 and names[-1] == "Bulk 02099")
first = soap.query("SELECT Id FROM Contact")
check("a first page holds 2,000 with a next URL", len(first["records"]) == 2000 and not first["done"] and first["nextRecordsUrl"].startswith("/services/data/"))
print("simple-salesforce: all checks passed")
