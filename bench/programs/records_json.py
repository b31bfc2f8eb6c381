# JSON: nested records (dicts holding a dict, a list and scalars) serialized to text, read back
# with json.loads and walked, ten times over.
import json

records = []
for i in range(3000):
    address = {"street": f"{i} Main St", "city": f"City {i % 50}", "zip": 10000 + i}
    tags = [f"tag{i % 7}", f"group{i % 3}"]
    records.append({
        "id": i,
        "name": f'Customer "{i}"\n',
        "active": i % 2 == 0,
        "address": address,
        "tags": tags,
        "score": i * 37,
    })
total_length = 0
checksum = 0
for _ in range(10):
    text = json.dumps(records, separators=(",", ":"), ensure_ascii=False)
    total_length += len(text)
    back = json.loads(text)
    for r in back:
        a = r["address"]
        checksum += r["score"] + a["zip"] + len(r["tags"])
        if r["active"]:
            checksum += len(r["name"])
print(f"records = {len(records)}")
print(f"total length = {total_length}")
print(f"checksum = {checksum}")
