# Object allocation and method calls: small immutable vectors, particles that bounce inside a
# box, and a singly linked list built from node objects.


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def plus(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def manhattan(self):
        return abs(self.x) + abs(self.y)


class Particle:
    def __init__(self, pos, vel):
        self.bounces = 0
        self.pos = pos
        self.vel = vel

    def step(self, bound):
        self.pos = self.pos.plus(self.vel)
        if self.pos.x > bound or self.pos.x < -bound:
            self.vel = Vec(-self.vel.x, self.vel.y)
            self.bounces += 1
        if self.pos.y > bound or self.pos.y < -bound:
            self.vel = Vec(self.vel.x, -self.vel.y)
            self.bounces += 1


class Node:
    def __init__(self, value, next_):
        self.value = value
        self.next = next_


particles = []
for i in range(300):
    p = Vec((i * 37) % 1000 - 500, (i * 91) % 1000 - 500)
    v = Vec(i % 13 - 6, (i * 5) % 11 - 5)
    particles.append(Particle(p, v))
energy = 0
for t in range(1500):
    for q in particles:
        q.step(1000)
        energy += q.vel.dot(q.vel)
spread = 0
total_bounces = 0
for q in particles:
    spread += q.pos.manhattan()
    total_bounces += q.bounces
print('energy = ' + str(energy))
print('spread = ' + str(spread) + ', bounces = ' + str(total_bounces))

list_checksum = 0
for round_ in range(40):
    head = None
    for i in range(2000):
        head = Node((i * 31 + round_) % 1000, head)
    position = 0
    cursor = head
    while cursor is not None:
        list_checksum = (list_checksum * 7 + cursor.value + position) % 1000003
        position += 1
        cursor = cursor.next
print('list checksum = ' + str(list_checksum))
