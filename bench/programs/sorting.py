# Sorting: pseudo-random Integers from a Long LCG, sorted by List.sort(), a hand-written
# quicksort (Hoare partition) and a top-down mergesort; checksums of each result. The checksum
# shifts values to be non-negative: Math.mod keeps the sign of the dividend, Python % does not.


def quick_sort(a, lo, hi):
    pivot = a[lo + (hi - lo) // 2]
    i = lo
    j = hi
    while i <= j:
        while a[i] < pivot:
            i += 1
        while a[j] > pivot:
            j -= 1
        if i <= j:
            t = a[i]
            a[i] = a[j]
            a[j] = t
            i += 1
            j -= 1
    if lo < j:
        quick_sort(a, lo, j)
    if i < hi:
        quick_sort(a, i, hi)


def merge_sort(a, tmp, lo, hi):
    if hi - lo < 2:
        return
    mid = (lo + hi) // 2
    merge_sort(a, tmp, lo, mid)
    merge_sort(a, tmp, mid, hi)
    i = lo
    j = mid
    k = lo
    while i < mid and j < hi:
        if a[i] <= a[j]:
            tmp[k] = a[i]
            i += 1
        else:
            tmp[k] = a[j]
            j += 1
        k += 1
    while i < mid:
        tmp[k] = a[i]
        i += 1
        k += 1
    while j < hi:
        tmp[k] = a[j]
        j += 1
        k += 1
    for m in range(lo, hi):
        a[m] = tmp[m]


def checksum(a):
    total = 0
    for i in range(len(a)):
        total = (total * 31 + (a[i] + 500000) + i) % 1000000007
    return total


n = 70000
values = []
seed = 42
for i in range(n):
    seed = (seed * 1103515245 + 12345) % 2147483648
    values.append((seed // 16) % 1000000 - 500000)
print('unsorted checksum = ' + str(checksum(values)))

builtin = list(values)
builtin.sort()
quick = list(values)
quick_sort(quick, 0, len(quick) - 1)
merged = list(values)
tmp = list(values)
merge_sort(merged, tmp, 0, len(merged))

disagreements = 0
for i in range(n):
    if builtin[i] != quick[i] or builtin[i] != merged[i]:
        disagreements += 1
print('min = ' + str(builtin[0]) + ', median = ' + str(builtin[n // 2]) + ', max = ' + str(builtin[n - 1]))
print('sorted checksums = ' + str(checksum(builtin)) + ' ' + str(checksum(quick)) + ' ' + str(checksum(merged)))
print('disagreements = ' + str(disagreements))
