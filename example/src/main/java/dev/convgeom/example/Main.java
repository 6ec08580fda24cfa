package dev.convgeom.example;

import dev.convgeom.LayerGeometry;

public final class Main {
    public static void main(String[] args) {
        for (LayerGeometry l : CaffeNetGeometry.layers()) {
            System.out.println(l);
        }
        System.out.println(CaffeNetGeometry.mapToInput(0, 0));
        System.out.println(CaffeNetGeometry.CONV5.receptiveField(0, 0));
    }
}
