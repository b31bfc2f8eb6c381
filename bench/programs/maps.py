# Maps: counting String and Integer keys with get/put/containsKey, then Collatz chain
# lengths memoised in a Map<Long, Integer>.
word_counts = {}
bucket_counts = {}
seed = 12345
for i in range(160000):
    seed = (seed * 1103515245 + 12345) % 2147483648
    r = (seed // 65536) % 32768
    key = 'w' + str(r % 1500)
    if key in word_counts:
        word_counts[key] = word_counts[key] + 1
    else:
        word_counts[key] = 1
    bucket = (r * 7) % 997
    seen = bucket_counts.get(bucket)
    bucket_counts[bucket] = 1 if seen is None else seen + 1
max_count = 0
weighted = 0
for k in range(1500):
    c = word_counts.get('w' + str(k))
    if c is not None:
        weighted += c * k
        if c > max_count:
            max_count = c
bucket_sum = 0
for b in bucket_counts.keys():
    bucket_sum += b * bucket_counts[b]
print('distinct words = ' + str(len(word_counts)) + ', max count = ' + str(max_count))
print('weighted = ' + str(weighted))
print('buckets = ' + str(len(bucket_counts)) + ', bucket sum = ' + str(bucket_sum))

memo = {1: 1}
best_start = 1
best_length = 1
for start in range(2, 80000):
    path = []
    n = start
    while n not in memo:
        path.append(n)
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
    length = memo[n]
    for p in range(len(path) - 1, -1, -1):
        length += 1
        memo[path[p]] = length
    if length > best_length:
        best_length = length
        best_start = start
print('memo size = ' + str(len(memo)))
print('longest chain below 80000 starts at ' + str(best_start) + ' with ' + str(best_length) + ' terms')
