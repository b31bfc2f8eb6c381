# String building: concatenation in a loop (with Integers), then length, indexOf, contains,
# substring, toUpperCase and split on the result.
words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta']
total_length = 0
index_sum = 0
hits = 0
pieces = 0
initials = ''
buffer = ''
flushed = 0
for i in range(60000):
    line = ''
    for k in range(6):
        if k > 0:
            line += ','
        line += words[(i + k * 3) % 7]
        line += str((i * 7 + k) % 100)
    total_length += len(line)
    index_sum += line.find('gamma') + line.find('zeta1')
    if 'delta4' in line:
        hits += 1
    upper = line.upper()
    initials += upper[0:1]
    if len(initials) >= 50:
        initials = initials[25:]
    parts = line.split(',')
    pieces += len(parts)
    buffer += parts[i % len(parts)][0:2] + str(i)
    if len(buffer) > 2000:
        flushed += len(buffer)
        buffer = ''
print('total length = ' + str(total_length))
print('index sum = ' + str(index_sum))
print('hits = ' + str(hits))
print('pieces = ' + str(pieces))
print('initials = ' + initials)
print('flushed = ' + str(flushed) + ', buffer tail = ' + buffer[len(buffer) - 12:])
