# Recursion: naive Fibonacci plus the Takeuchi function, both pure call overhead.
import sys

sys.setrecursionlimit(10000)


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def tak(x, y, z):
    if y >= x:
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


print('fib(32) = ' + str(fib(32)))
print('tak(24, 16, 8) = ' + str(tak(24, 16, 8)))
