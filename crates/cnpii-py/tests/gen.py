"""A seeded generator of synthetic user rows (no real person's data): valid-checksum IDs,
mobiles, UnionPay-like card numbers, e-mails, names, addresses, free-text remarks."""

import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
ROADS = ["建国路", "中山路", "人民路", "解放路", "长江路"]
DISTRICTS = ["北京市朝阳区", "上海市浦东新区", "浙江省杭州市西湖区", "广东省深圳市南山区"]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def id_check(first17):
    return CHECK[sum(int(c) * w for c, w in zip(first17, W)) % 11]


def valid_id(value):
    return len(value) == 18 and value[:17].isdigit() and id_check(value[:17]) == value[17].upper()


def luhn_digit(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


def rows(n, seed=17):
    rnd = random.Random(seed)
    out = {k: [] for k in ["uid", "name", "id_no", "mobile", "card_no", "email", "address", "remark", "amount"]}
    for i in range(n):
        birth = f"{rnd.randint(1950, 2005)}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}"
        first17 = "110105" + birth + f"{rnd.randint(0, 999):03d}"
        id_no = first17 + id_check(first17)
        mobile = "13" + str(rnd.randint(5, 9)) + f"{rnd.randint(0, 99999999):08d}"
        body = "622202" + f"{rnd.randint(0, 10**12 - 1):012d}"
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2)))
        out["uid"].append(i)
        out["name"].append(name)
        out["id_no"].append(id_no)
        out["mobile"].append(mobile)
        out["card_no"].append(body + luhn_digit(body))
        out["email"].append(f"user{i}.{rnd.randint(0, 999)}@example.com")
        out["address"].append(f"{rnd.choice(DISTRICTS)}{rnd.choice(ROADS)}{rnd.randint(1, 999)}号{rnd.randint(1, 30)}栋{rnd.randint(101, 2999)}室")
        out["remark"].append(
            rnd.choice(["请尽快发货，电话", "联系人手机", "收货后打给我", "备用号码"]) + f" {mobile}" + (" 谢谢" if i % 3 else "")
        )
        out["amount"].append(rnd.randint(1, 10**6))
    return out
