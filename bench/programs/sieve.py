# Sieve of Eratosthenes over a List<Boolean>, then prime count, sum, twin primes and the
# largest gap between consecutive primes.
n = 700000
composite = []
for i in range(n + 1):
    composite.append(False)
i = 2
while i * i <= n:
    if not composite[i]:
        for j in range(i * i, n + 1, i):
            composite[j] = True
    i += 1
count = 0
total = 0
twins = 0
previous = 0
largest_gap = 0
gap_after = 0
for i in range(2, n + 1):
    if not composite[i]:
        count += 1
        total += i
        if previous > 0:
            if i - previous == 2:
                twins += 1
            if i - previous > largest_gap:
                largest_gap = i - previous
                gap_after = previous
        previous = i
print('primes up to ' + str(n) + ': ' + str(count))
print('sum = ' + str(total))
print('twin pairs = ' + str(twins))
print('largest gap = ' + str(largest_gap) + ' after ' + str(gap_after))
