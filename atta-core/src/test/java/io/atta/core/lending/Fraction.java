package io.atta.core.lending;

import java.math.BigInteger;

/** An exact rational, for the reference schedules (the test tree's own arithmetic). */
record Fraction(BigInteger num, BigInteger den) {
    static final Fraction one = of(1);

    Fraction {
        if (den.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
            num = num.divide(g);
            den = den.divide(g);
        }
    }

    static Fraction of(long n) {
        return new Fraction(BigInteger.valueOf(n), BigInteger.ONE);
    }

    static Fraction of(long n, long d) {
        return new Fraction(BigInteger.valueOf(n), BigInteger.valueOf(d));
    }

    Fraction plus(Fraction o) {
        return new Fraction(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Fraction minus(Fraction o) {
        return plus(new Fraction(o.num.negate(), o.den));
    }

    Fraction times(Fraction o) {
        return new Fraction(num.multiply(o.num), den.multiply(o.den));
    }

    Fraction over(Fraction o) {
        return new Fraction(num.multiply(o.den), den.multiply(o.num));
    }

    Fraction pow(int n) {
        return new Fraction(num.pow(n), den.pow(n));
    }

    /** Half-up to an integer (the fen): the nearest, a half goes up (away from zero for positives). */
    long roundHalfUp() {
        if (num.signum() < 0) {
            throw new ArithmeticException("negative amounts never occur here: " + this);
        }
        BigInteger[] qr = num.divideAndRemainder(den);
        BigInteger q = qr[0];
        if (qr[1].shiftLeft(1).compareTo(den) >= 0) {
            q = q.add(BigInteger.ONE);
        }
        return q.longValueExact();
    }

    long floor() {
        return num.divide(den).longValueExact();
    }
}
