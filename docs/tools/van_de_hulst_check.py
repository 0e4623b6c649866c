#!/usr/bin/env python3
"""Monte Carlo check of the albedo inversion (docs/skin.md): reflectance of an index-matched
semi-infinite isotropic medium for the inverted single-scattering albedo, under diffuse (cosine)
and normal incidence, against van de Hulst's formula. Needs numpy; about a minute."""
import numpy as np
rng=np.random.default_rng(1)
def vdh(a,g=0.0):
    s=np.sqrt((1-a)/(1-g*a)); return (1-s)*(1-0.139*s)/(1+1.17*s)
def inv(A):
    s=4.09712+4.20863*A-np.sqrt(9.59217+41.6808*A+17.7126*A*A); return 1-s*s
def walk(alpha, n, diffuse):
    # semi-infinite medium z<0, sigma_t=1, isotropic, index matched; entry at z=0
    if diffuse:
        u=rng.random(n); cz=-np.sqrt(u)     # cosine-weighted into the medium
    else:
        cz=-np.ones(n)
    z=np.zeros(n); w=np.ones(n); alive=np.ones(n,bool); R=np.zeros(n)
    dz=cz.copy()
    for step in range(4000):
        t=-np.log(1-rng.random(n))
        z=np.where(alive, z+t*dz, z)
        out=alive&(z>0)
        R[out]=w[out]; alive&=~out
        w=w*alpha
        mu=2*rng.random(n)-1; dz=mu
        if not alive.any(): break
    return R.mean()
for A in (0.2,0.5,0.8,0.95):
    a=inv(A)
    print(A, "alpha", round(a,5), "vdh(alpha)", round(vdh(a),4), "MC diffuse", round(walk(a,200000,True),4), "MC normal", round(walk(a,200000,False),4))
