# Arithmetic loops: Integer and Long math in nested loops, Math.mod, truncating division,
# Euclid's gcd, and a 32-bit hash that relies on Integer wrapping on overflow.


def wrap32(x):
    """Apex Integer arithmetic wraps to 32-bit two's complement."""
    return ((x + 0x80000000) & 0xFFFFFFFF) - 0x80000000


def gcd(a, b):
    while b != 0:
        t = a % b
        a = b
        b = t
    return a


n = 600
total = 0
hash_ = 7
quotients = 0
for i in range(1, n + 1):
    for j in range(1, n + 1):
        p = (i * j + i) % 1009
        total += p * (j - i)
        quotients += (i * j + 17) // 7
        hash_ = wrap32(hash_ * 31 + p)
print('total = ' + str(total))
print('quotients = ' + str(quotients))
print('hash = ' + str(hash_))

gcd_sum = 0
coprime = 0
for i in range(1, 301):
    for j in range(1, 301):
        g = gcd(i, j)
        gcd_sum += g
        if g == 1:
            coprime += 1
print('gcd sum = ' + str(gcd_sum))
print('coprime pairs = ' + str(coprime))

acc = 1
modulus = 1000000007
for k in range(1, 100001):
    acc = (acc * 31 + k) % modulus
print('acc = ' + str(acc))
