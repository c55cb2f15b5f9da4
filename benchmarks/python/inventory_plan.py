#!/usr/bin/python3
"""The inventory job done the usual data-science way, for comparison with InventoryPlanMain:
read every data file of an S3 Inventory manifest (MD5 checked), compute features, predict
p(read) with a scikit-learn LogisticRegression, pick the cheapest class over 90 days with a
10% margin, write plan-moves.csv and one Batch Operations manifest per target class.

  /usr/bin/time -v /usr/bin/python3 benchmarks/python/inventory_plan.py /tmp/archiver-inv-10m/inventory /tmp/py-out
"""
import hashlib, json, os, sys, time, urllib.parse, zlib
import numpy as np, pandas as pd
from sklearn.linear_model import LogisticRegression

inv, out = sys.argv[1], sys.argv[2]
t0 = time.time()
m = json.load(open(os.path.join(inv, "manifest.json")))
cols = [c.strip() for c in m["fileSchema"].split(",")]
frames = []
for f in m["files"]:
    path = os.path.join(inv, "data", f["key"].rsplit("/", 1)[1])
    if hashlib.md5(open(path, "rb").read()).hexdigest() != f["MD5checksum"]:
        sys.exit(f"{path}: MD5 mismatch")
    frames.append(pd.read_csv(path, names=cols, usecols=["Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size",
                  "LastModifiedDate", "StorageClass"], dtype={"VersionId": str, "StorageClass": str}, keep_default_na=False))
df = pd.concat(frames, ignore_index=True)
del frames
df = df[(df.IsLatest == True) & (df.IsDeleteMarker == False)]  # noqa: E712
df["Key"] = df.Key.map(urllib.parse.unquote_plus)
now = pd.Timestamp(m["creationTimestamp"] and int(m["creationTimestamp"]), unit="ms", tz="UTC")
age = (now - pd.to_datetime(df.LastModifiedDate, utc=True)).dt.total_seconds().to_numpy() / 86400
size = df.Size.to_numpy(dtype=np.float64)
ext = df.Key.str.extract(r"(\.[A-Za-z0-9]{1,8})$", expand=False).fillna("")
X = np.column_stack([np.log1p(size), np.log1p(age), df.Key.str.count("/").to_numpy(),
                     (ext.map(lambda e: zlib.crc32(e.encode())) % 97).to_numpy() / 97.0, (df.Key.str.split("/").str[0].map(lambda p: zlib.crc32(p.encode())) % 89).to_numpy() / 89.0])
rng = np.random.default_rng(42)
model = LogisticRegression()
model.coef_, model.intercept_, model.classes_ = rng.normal(size=(1, X.shape[1])), np.array([-1.0]), np.array([0, 1])
p = model.predict_proba((X - X.mean(0)) / (X.std(0) + 1e-9))[:, 1]
# $/GB-month storage, $ per GET, $/GB retrieval, $ per 1000 PUT (transition), minimum billable bytes
classes = ["STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", "GLACIER_IR"]
store = np.array([0.023, 0.0125, 0.0125, 0.004]); get = np.array([4e-7, 4e-7, 1e-6, 1e-5])
retr = np.array([0.0, 0.0, 0.01, 0.03]); put = np.array([0.0, 0.01, 0.01, 0.02]); minb = np.array([0, 0, 131072, 131072])
gb = np.maximum(size[:, None], minb[None, :]) / 2**30
cost = gb * store * 3 + p[:, None] * (get + retr * size[:, None] / 2**30) + put / 1000
cur = df.StorageClass.map({c: i for i, c in enumerate(classes)}).fillna(-1).to_numpy(dtype=int)
movable = cur >= 0
keep = np.where(movable, cost[np.arange(len(cur)), np.maximum(cur, 0)], 0)
best = cost.argmin(1)
moves = movable & (best != cur) & (keep - cost.min(1) > 0.1 * keep)
mv = df[moves].assign(Target=np.array(classes)[best[moves]])
os.makedirs(out, exist_ok=True)
mv[["Bucket", "Key", "VersionId", "Target"]].to_csv(os.path.join(out, "plan-moves.csv"), index=False)
mv = mv.assign(EncKey=mv.Key.map(lambda k: urllib.parse.quote(k, safe="/~")), VersionId=mv.VersionId.replace("", "null"))
for target, g in mv.groupby("Target"):
    g[["Bucket", "EncKey", "VersionId"]].to_csv(os.path.join(out, f"{target}.csv"), index=False, header=False)
print(f"{len(df):,} objects, {moves.sum():,} moves in {time.time() - t0:.2f} s")
