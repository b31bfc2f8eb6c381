# Nested collections: List<List<Integer>> matrix products, a Map<String, List<Integer>>
# grouping and a Set<Integer> of distinct values.


def make_matrix(size, salt):
    m = []
    for r in range(size):
        row = []
        for c in range(size):
            row.append((r * r * 7 + c * 13 + r * c * salt + salt) % 101)
        m.append(row)
    return m


def multiply(a, b):
    size = len(a)
    product = []
    for r in range(size):
        row_a = a[r]
        row = []
        for c in range(size):
            cell = 0
            for k in range(size):
                cell += row_a[k] * b[k][c]
            row.append(cell % 997)
        product.append(row)
    return product


size = 100
acc = make_matrix(size, 1)
step = make_matrix(size, 7)
for round_ in range(6):
    acc = multiply(acc, step)
trace = 0
total = 0
for r in range(size):
    trace += acc[r][r]
    for c in range(size):
        total += acc[r][c]
print('trace = ' + str(trace) + ', total = ' + str(total))

groups = {}
distinct = set()
for r in range(size):
    for c in range(size):
        v = acc[r][c]
        key = 'g' + str(v % 37)
        members = groups.get(key)
        if members is None:
            members = []
            groups[key] = members
        members.append(v)
        distinct.add(v)
largest_group = 0
group_checksum = 0
for g in range(37):
    members = groups.get('g' + str(g))
    if members is not None:
        if len(members) > largest_group:
            largest_group = len(members)
        for i in range(len(members)):
            group_checksum = (group_checksum * 13 + members[i] + g) % 1000000007
print('groups = ' + str(len(groups)) + ', largest = ' + str(largest_group) + ', distinct = ' + str(len(distinct)))
print('group checksum = ' + str(group_checksum))
