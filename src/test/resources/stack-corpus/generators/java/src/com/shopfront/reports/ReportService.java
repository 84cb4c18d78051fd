package com.shopfront.reports;

import java.util.List;

public class ReportService {
    //B static Runnable addedInBuildB() { return () -> System.out.println("shifts the lambda numbering"); }

    public String export(List<Integer> quantities) {
        StringBuilder csv = new StringBuilder();
        quantities.forEach(quantity -> {
            if (quantity < 0) {
                throw new IllegalArgumentException("negative quantity in report: " + quantity);
            }
            csv.append(quantity).append('\n');
        });
        return csv.toString();
    }

    public char[] buffer(int rows) {
        return new char[rows * 64];
    }
}
